import CSystemSupport

/// The process's standard output stream (C's `stdout`, which Swift's `print` writes to).
public enum StandardOutput {
    /// Flushes after every line, also when standard output is a pipe or a file (C buffers
    /// those in 4 KiB blocks, so a reader would see nothing until the process exits).
    public static func lineBuffered() {
        csystem_line_buffer_stdout()
    }
}
