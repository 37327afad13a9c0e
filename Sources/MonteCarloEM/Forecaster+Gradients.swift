/// The forecaster's gradients: the effective-weight gradients accumulated over the pending points of a batch,
/// and their conversion into gradients of the weight-normalised parameters (v, g, bias).
extension Forecaster {
    /// Clears the accumulated effective-weight gradients.
    func zeroGrad() {
        pending = 0
        dwT.update(repeating: .zero, count: totalRows)
        dbias.update(repeating: .zero, count: layers)
        dhead.update(repeating: .zero, count: 2)
        dheadBias = (0, 0)
    }

    /// Accumulates the weight and bias gradients of the pending points: ∂L/∂Wᵀ[i] += Σ_b a_{b,i} · δ_b.
    func flush() {
        let k = pending
        guard k > 0 else { return }
        for l in 0..<layers {
            let d = dpre + l * slots
            var sb = dbias[l]
            for b in 0..<k { sb += d[b] }
            dbias[l] = sb
            // Two rows at a time: each row's sum over the points is one dependent chain (the same order as one
            // row at a time, so the same numbers), and two independent chains keep the multiply-adders busy.
            let dw = dwT + wTOffset[l]
            if l == 0 {
                var i = 0
                while i + 1 < context {
                    var acc = dw[i], acc1 = dw[i + 1]
                    for b in 0..<k {
                        let x = pendingInputs[b], db = d[b]
                        acc.accumulate(x[i], db); acc1.accumulate(x[i + 1], db)
                    }
                    dw[i] = acc; dw[i + 1] = acc1
                    i += 2
                }
                if i < context {
                    var acc = dw[i]
                    for b in 0..<k { acc.accumulate(pendingInputs[b][i], d[b]) }
                    dw[i] = acc
                }
            } else {
                // The activations as scalars: a[b][i] is element 16·b + i (a lane read from memory, not from a register).
                (act + (l - 1) * slots).withMemoryRebound(to: Double.self, capacity: 16 * k) { a in
                    for i in stride(from: 0, to: 16, by: 2) {
                        var acc = dw[i], acc1 = dw[i + 1]
                        for b in 0..<k {
                            let db = d[b]
                            acc.accumulate(a[16 * b + i], db); acc1.accumulate(a[16 * b + i + 1], db)
                        }
                        dw[i] = acc; dw[i + 1] = acc1
                    }
                }
            }
        }
        pending = 0
    }

    /// Converts the accumulated effective-weight gradients into gradients of (v, g, bias) in `grads`:
    /// with n = ‖v‖, ∂L/∂g = (∂L/∂w · v)/n and ∂L/∂v = (g/n)(∂L/∂w − v (∂L/∂w · v)/n²).
    func finishGradients() {
        flush()
        let w = Forecaster.width
        params.withUnsafeBufferPointer { p in
            grads.withUnsafeMutableBufferPointer { gr in
                for l in 0..<layers {
                    let (vOff, gOff, bOff, fanIn) = offsets[l]
                    let base = wTOffset[l]
                    let db = dbias[l]
                    for o in 0..<w {
                        var ss = 0.0, dot = 0.0
                        for i in 0..<fanIn {
                            let v = p[vOff + o * fanIn + i]
                            ss += v * v
                            dot += dwT[base + i][o] * v
                        }
                        let n = ss.squareRoot()
                        let g = p[gOff + o]
                        gr[gOff + o] = dot / n
                        let c = g / n, k = dot / ss
                        for i in 0..<fanIn {
                            gr[vOff + o * fanIn + i] = c * (dwT[base + i][o] - p[vOff + o * fanIn + i] * k)
                        }
                        gr[bOff + o] = db[o]
                    }
                }
                for k in 0..<outputs {
                    let d = dhead[k]
                    for i in 0..<w { gr[headW + k * w + i] = d[i] }
                }
                gr[headB] = dheadBias.0
                if outputs == 2 { gr[headB + 1] = dheadBias.1 }
            }
        }
    }
}
