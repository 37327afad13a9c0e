import ROOTFile

extension InputError {
    /// A ROOT reader error as an input error: the run file, then the object path and what is wrong
    /// (`run_3.root: DQMData/Run 3/Muons/phi: not found; 'DQMData/Run 3/Muons' holds pt (TH1D)`).
    init(_ error: ROOTFileError) {
        let object = error.object.flatMap { $0.isEmpty ? nil : $0 + ": " } ?? ""
        self.init(file: error.file, message: object + error.detail)
    }

    /// Runs a ROOT reader call on `file`, its errors as input errors.
    static func reading<T>(_ file: String, _ body: () throws -> T) throws(InputError) -> T {
        do {
            return try body()
        } catch let e as ROOTFileError {
            throw InputError(e)
        } catch let e as InputError {
            throw e
        } catch {
            // The reader throws only `ROOTFileError`; anything else still names the file.
            throw InputError(file: file, message: "\(error)")
        }
    }
}
