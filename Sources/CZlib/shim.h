#ifndef ANOMALY_REPORT_CZLIB_SHIM_H
#define ANOMALY_REPORT_CZLIB_SHIM_H

#include <zlib.h>

#endif
