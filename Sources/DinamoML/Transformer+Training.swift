/// One training step's pieces on the network's own buffers: the loss and its backward pass, the optimiser step.
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

    /// Applies `optimizer` to the parameters with the gradients of the last backward pass, and refreshes Wᵀ:
    /// tensor by tensor in the parameters' order, each weight matrix transposed into the mirror right after its
    /// update, while it is still in cache.
    public func step(_ optimizer: inout AdamW) {
        optimizer.beginStep()
        var done = 0
        for slot in linearSlotsByOffset {
            optimizer.update(params, gradients: grads, in: done..<(slot.weight + slot.outputs * slot.inputs))
            done = slot.weight + slot.outputs * slot.inputs
            transposeIntoMirror(slot)
        }
        optimizer.update(params, gradients: grads, in: done..<layout.count)
    }
}
