/// AdamW held by reference, so that a training step can apply it tensor by tensor from inside the backward pass.
public final class SharedAdamW {
    public var adam: AdamW
    public init(_ adam: AdamW) { self.adam = adam }
}

/// One training step's pieces on the network's own buffers: the loss and its backward pass, the optimiser step —
/// apart (`lossAndBackward`, then `step`), or fused (`lossBackwardAndStep`).
extension Transformer {
    /// Gaussian NLL of the last forward pass's μ and σ_μ against `target` (sequences × bins), then the backward
    /// pass; returns the loss (before any update, as the published `_train_step` returns it).
    public func lossAndBackward(target: UnsafePointer<Float>, loss: GaussianNLLLoss = GaussianNLLLoss()) -> Float {
        let w = work, count = sequences * shape.bins
        let value = loss.evaluate(mean: w.mean, spread: w.spread, target: target, count: count, dMean: w.dMean,
                                  dSpread: w.dSpread)
        backward(dMean: w.dMean, dSpread: w.dSpread)
        return value
    }

    /// Applies `optimizer` to the parameters with the gradients of the last backward pass, tensor by tensor, each
    /// W's transposed copy rewritten right after its update.
    public func step(_ optimizer: inout AdamW) {
        optimizer.beginStep()
        for slot in linearSlots { apply(&optimizer, to: slot) }
        for norm in normSlots { apply(&optimizer, to: norm) }
    }

    /// `lossAndBackward` and `step` in one pass, with the same bits: each tensor is updated (and its Wᵀ rewritten)
    /// as soon as the backward pass has completed its gradient and no later part of the pass reads it, while the
    /// gradient and the weights are still in cache. Returns the loss before the update.
    public func lossBackwardAndStep(target: UnsafePointer<Float>, optimizer: SharedAdamW,
                                    loss: GaussianNLLLoss = GaussianNLLLoss()) -> Float {
        optimizer.adam.beginStep()
        stepping = optimizer
        defer { stepping = nil }
        return lossAndBackward(target: target, loss: loss)
    }

    /// Called when the backward pass has finished with a Linear (its gradient complete, its W read for the last
    /// time): during `lossBackwardAndStep`, applies the step to it.
    @inline(__always)
    func finished(_ slot: LinearSlot) {
        if let s = stepping { apply(&s.adam, to: slot) }
    }

    /// The same for a LayerNorm's γ and β.
    @inline(__always)
    func finished(_ norm: NormSlot) {
        if let s = stepping { apply(&s.adam, to: norm) }
    }

    /// The current step of `optimizer` on a Linear's W and b, then its Wᵀ rewritten from the new W.
    @inline(__always)
    private func apply(_ optimizer: inout AdamW, to slot: LinearSlot) {
        optimizer.update(params, gradients: grads, in: slot.weight..<(slot.weight + slot.outputs * slot.inputs))
        optimizer.update(params, gradients: grads, in: slot.bias..<(slot.bias + slot.outputs))
        transposeIntoMirror(slot)
    }

    /// The current step of `optimizer` on a LayerNorm's γ and β.
    @inline(__always)
    private func apply(_ optimizer: inout AdamW, to norm: NormSlot) {
        optimizer.update(params, gradients: grads, in: norm.gain..<(norm.gain + norm.width))
        optimizer.update(params, gradients: grads, in: norm.shift..<(norm.shift + norm.width))
    }
}
