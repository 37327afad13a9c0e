import CCairo

/// The version string of the cairo library linked at run time.
public var cairoVersion: String { String(cString: cairo_version_string()) }
