#ifndef ANOMALY_REPORT_CLZMA_SHIM_H
#define ANOMALY_REPORT_CLZMA_SHIM_H

#include <lzma.h>

#endif
