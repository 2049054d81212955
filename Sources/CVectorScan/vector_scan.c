/* The module is its header (inline functions); this file only compiles it once on its own. */
#include "CVectorScan.h"
