import CCairo

/// Owns a cairo surface: finishes (flushing vector output) and destroys it exactly once.
final class CairoSurface {
    let pointer: UnsafeMutablePointer<cairo_surface_t>
    init(_ pointer: UnsafeMutablePointer<cairo_surface_t>) { self.pointer = pointer }
    var status: cairo_status_t { cairo_surface_status(pointer) }
    func finish() { cairo_surface_finish(pointer) }
    deinit {
        cairo_surface_finish(pointer)
        cairo_surface_destroy(pointer)
    }
}

/// Owns a cairo context.
final class CairoContext {
    let pointer: UnsafeMutablePointer<cairo_t>
    init(surface: CairoSurface) { pointer = cairo_create(surface.pointer) }
    deinit { cairo_destroy(pointer) }
}
