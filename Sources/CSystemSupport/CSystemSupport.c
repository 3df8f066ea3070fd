#include "CSystemSupport.h"

#include <string.h>

const char *csystem_errno_name(int code) {
    return strerrorname_np(code);
}
