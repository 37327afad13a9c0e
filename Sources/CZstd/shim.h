#ifndef ANOMALY_REPORT_CZSTD_SHIM_H
#define ANOMALY_REPORT_CZSTD_SHIM_H

#include <zstd.h>

#endif
