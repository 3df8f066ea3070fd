// libfuse3's high-level API, version 3.12 (fuse_loop_cfg_*). Only CFuseBridge includes it;
// Swift code talks to CFuseBridge.
#ifndef C_FUSE3_SHIM_H
#define C_FUSE3_SHIM_H
#ifndef FUSE_USE_VERSION
#define FUSE_USE_VERSION 312
#endif
#include <fuse.h>
#endif
