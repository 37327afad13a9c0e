extension DinamoJobSpec {
    /// Checks the settings a user typed, before any input is read (exit 2 with the option named).
    public func validate() throws {
        if case .value(let a) = alpha, !(a > 0 && a < 1) {
            throw ReportError.usage("--alpha \(ReportFormat.plain(a)): α is the weight of the past and must lie strictly between 0 and 1")
        }
        if let historical, historical < 1 {
            throw ReportError.usage("--historical \(historical): needs at least one historical run")
        }
        guard initCounts.isFinite, initCounts > 0 else {
            throw ReportError.usage("--init-counts \(ReportFormat.plain(initCounts)): the pseudo-count must be a positive number")
        }
        guard debias >= 0 else {
            throw ReportError.usage("--debias \(debias): the number of resamples cannot be negative")
        }
    }
}

extension SeriesJobSpec {
    /// Checks the settings a user typed, before any input is read (exit 2 with the option named).
    public func validate() throws {
        if let epochs, epochs < 1 {
            throw ReportError.usage("--epochs \(epochs): needs at least one epoch")
        }
        if let samples, samples < 1 {
            throw ReportError.usage("--samples \(samples): needs at least one Monte Carlo sample")
        }
        guard !column.isEmpty else { throw ReportError.usage("--column: the column name is empty") }
    }
}
