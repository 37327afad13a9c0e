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

    /// Applies `optimizer` to the parameters with the gradients of the last backward pass, and refreshes Wᵀ.
    public func step(_ optimizer: inout AdamW) {
        optimizer.update(params, gradients: grads)
        refreshMirror()
    }
}
