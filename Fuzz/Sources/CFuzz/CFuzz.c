// Intentionally empty: CFuzz only declares libFuzzer's driver in include/CFuzz.h.
#include "CFuzz.h"
