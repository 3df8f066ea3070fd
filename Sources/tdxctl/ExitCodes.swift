import ArgumentParser

/// The exit statuses every `tdxctl` command uses, so scripts can tell outcomes apart.
///
/// | code | meaning |
/// |---|---|
/// | 0 | success (for `update`/`simulate`: the update completed) |
/// | 1 | an error: bad input, I/O failure, a verification check that failed |
/// | 64 | usage error (from swift-argument-parser) |
/// | 10 | refused before anything was changed (a precheck, no candidate, same version) |
/// | 11 | the update failed harmlessly: the old module still runs, TDs untouched |
/// | 12 | the update failed fatally: the module is gone, TDs are lost |
/// | 13 | the update failed, the previous image was re-installed, TDs were preserved |
/// | 14 | timed out waiting for the upload to finish |
/// | 20 | this machine has no TDX (or no module update support) |
extension ExitCode {
    static let refused = ExitCode(10)
    static let failedHarmless = ExitCode(11)
    static let failedFatal = ExitCode(12)
    static let recovered = ExitCode(13)
    static let timedOut = ExitCode(14)
    static let noTDX = ExitCode(20)
}
