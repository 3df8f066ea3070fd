#ifndef CSYSTEMSUPPORT_H
#define CSYSTEMSUPPORT_H

/// The errno's symbolic name ("ENXIO"), from glibc's strerrorname_np; NULL when unknown.
const char *csystem_errno_name(int code);

#endif
