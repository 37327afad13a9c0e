#ifndef ANOMALY_REPORT_CCAIRO_SHIM_H
#define ANOMALY_REPORT_CCAIRO_SHIM_H

/* Complete (empty) struct definitions make Swift import typed pointers
   (OpaquePointer would let a surface be passed where a context is expected). */
struct _cairo {};
struct _cairo_surface {};
struct _cairo_font_options {};
struct _cairo_pattern {};

#include <cairo/cairo.h>
#include <cairo/cairo-svg.h>
#include <cairo/cairo-pdf.h>

#endif
