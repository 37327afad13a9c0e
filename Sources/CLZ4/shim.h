#ifndef ANOMALY_REPORT_CLZ4_SHIM_H
#define ANOMALY_REPORT_CLZ4_SHIM_H

#include <lz4.h>

#endif
