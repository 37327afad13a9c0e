extension ROOTFile {
    /// The histogram at `objectPath` (`/`-separated key names from the top directory).
    /// Throws `ROOTFileError`: `.pathMissing` listing the directory, `.notAHistogram` naming the class,
    /// `.corrupt` or `.unsupported` naming the object.
    public func histogram(at objectPath: String) throws -> ROOTHistogram {
        let components = objectPath.split(separator: "/").map(String.init)
        guard let last = components.last else { throw ROOTFileError(.pathMissing, file: path, object: objectPath, "is an empty object path") }
        let parent = Array(components.dropLast())
        let record = try directory(at: parent)
        let keys: [ROOTKey]
        do { keys = try self.keys(of: record) } catch let f as ParseFailure { throw failure(f, object: parent.joined(separator: "/")) }
        guard let key = keys.first(where: { $0.name == last }) else {
            throw missing(objectPath, in: parent.joined(separator: "/"), keys: keys)
        }
        return try histogram(key, path: components.joined(separator: "/"))
    }

    /// Every histogram whose path matches `pattern`, in the order of the file's keys. A literal component
    /// that names nothing is `.pathMissing`; a literal last component naming a non-histogram is
    /// `.notAHistogram`; with wildcards, objects that are not histograms are passed over, and a pattern
    /// matching no histogram at all is `.pathMissing` listing the deepest directory reached.
    public func histograms(matching pattern: ROOTPathPattern) throws -> [ROOTHistogram] {
        var out: [ROOTHistogram] = []
        try collect(pattern.components[...], record: top, prefix: [], into: &out)
        if out.isEmpty {
            throw ROOTFileError(.pathMissing, file: path, object: pattern.text, "matches no TH1 or TH2 histogram")
        }
        return out
    }

    private func collect(_ rest: ArraySlice<ROOTPathPattern.Component>, record: DirectoryRecord, prefix: [String], into out: inout [ROOTHistogram]) throws {
        guard let component = rest.first else { return }
        let here = prefix.joined(separator: "/")
        let keys: [ROOTKey]
        do { keys = try self.keys(of: record) } catch let f as ParseFailure { throw failure(f, object: here) }
        let matched = keys.filter { component.matches($0.name) }
        if matched.isEmpty, !component.isWildcard {
            throw missing((prefix + [component.text]).joined(separator: "/"), in: here, keys: keys)
        }
        let isLast = rest.count == 1
        for key in matched {
            let objectPath = (prefix + [key.name]).joined(separator: "/")
            if isLast {
                if ROOTHistogram.Kind(className: key.className) != nil {
                    out.append(try histogram(key, path: objectPath))
                } else if !component.isWildcard {
                    throw notAHistogram(objectPath, key.className)
                }
            } else if key.isDirectory {
                let sub: DirectoryRecord
                do { sub = try directory(of: key) } catch let f as ParseFailure { throw failure(f, object: objectPath) }
                try collect(rest.dropFirst(), record: sub, prefix: prefix + [key.name], into: &out)
            } else if !component.isWildcard {
                throw ROOTFileError(.pathMissing, file: path, object: objectPath, "is a \(key.className), not a directory")
            }
        }
    }

    private func notAHistogram(_ objectPath: String, _ className: String) -> ROOTFileError {
        ROOTFileError(.notAHistogram, file: path, object: nil, "\(objectPath) is a \(className), not a TH1 or TH2 histogram")
    }

    func histogram(_ key: ROOTKey, path objectPath: String) throws -> ROOTHistogram {
        guard let kind = ROOTHistogram.Kind(className: key.className) else { throw notAHistogram(objectPath, key.className) }
        do {
            var c = try payload(of: key)
            var reader = ObjectReader(catalogue: try streamers())
            let object = try reader.read(key.className, &c)
            return try ROOTHistogram.make(path: objectPath, kind: kind, from: object)
        } catch let f as ParseFailure {
            throw failure(f, object: objectPath)
        }
    }
}
