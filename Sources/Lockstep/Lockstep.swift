/// Namespace anchor for the `Lockstep` module; see the module's other files.
public enum LockstepModule {}
