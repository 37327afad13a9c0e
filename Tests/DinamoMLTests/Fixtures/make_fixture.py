"""PyTorch reference for DinamoML's tests: the published DINAMO-ML network (ArseniiGav/DINAMO
`dinamo/models/ml/transformer_encoder_dml.py`: the same modules, names and order), one forward pass, the
Gaussian NLL loss, the gradients and two AdamW steps, on fixed weights and inputs. Dropout is 0 so that the
training-mode passes are deterministic (the architecture is otherwise the published one).

Writes three files beside this script:

* small.json — an odd-sized network (every kernel remainder path), everything in full: the weights, inputs,
  μ, σ_μ, the loss, the gradients, the parameters after one and after two AdamW steps and the second step's
  gradients.
* published.json — the published shape (d = 100, 10 heads, 3 layers, feed-forward 100, 100 bins, M = 20,
  K = 10 sequences). Weights and inputs come from closed formulas (below; the Swift test computes the same),
  so the file holds only μ, σ_μ (in full), the loss, each tensor's gradient norm, and the gradient and the
  updated parameter at every 97th flat index.
* windowed.json — the same for inputs shaped as in training: the K contexts are windows over one series of runs
  (sequence s, token j is run s + j − padded, padding before run 0), so the tokens repeat a few dozen distinct
  histograms and times, the case in which DinamoML computes the first in-projection per distinct row.

Run: `pip install torch numpy; python3 make_fixture.py` (torch 2.x, CPU). The tests never need torch.
"""
import json
import math
import os

import torch
import torch.nn as nn


class PublishedDML(nn.Module):
    """TransformerEncoderDML's structure: x/t embeddings, post-norm encoder, mean pooling, μ and σ heads."""

    def __init__(self, n_bins, d_model, nhead, num_layers, dim_feedforward, dropout):
        super().__init__()
        self.n_bins = n_bins

        def stack(a, b):
            return [nn.Linear(a, b), nn.LayerNorm(b), nn.ReLU(), nn.Linear(b, b)]

        self.x_emb = nn.Sequential(*stack(n_bins, d_model))
        self.t_emb = nn.Sequential(*stack(1, d_model))
        layer = nn.TransformerEncoderLayer(d_model=d_model, nhead=nhead, dim_feedforward=dim_feedforward,
                                           dropout=dropout, batch_first=True, activation="relu")
        self.transformer_encoder = nn.TransformerEncoder(layer, num_layers)
        self.μ_out = nn.Sequential(*stack(d_model, n_bins), nn.Softmax(dim=1))
        self.σ_out = nn.Sequential(*stack(d_model, n_bins), nn.Softplus())

    def forward(self, x, t):
        xt = self.x_emb(x) + self.t_emb(t.unsqueeze(2))
        pooled = self.transformer_encoder(xt).mean(dim=1)
        return self.μ_out(pooled), self.σ_out(pooled)


def formula_weights(model):
    """LayerNorm gains 1 + 0.1 sin φ; other matrices sin φ / √fan_in; other vectors 0.1 sin φ;
    φ = 0.731 i + 0.1 k for flat index i (over all parameters, in order) and tensor index k."""
    i0 = 0
    with torch.no_grad():
        for k, (name, p) in enumerate(model.named_parameters()):
            n = p.numel()
            phi = [0.731 * (i0 + i) + 0.1 * k for i in range(n)]
            is_gain = p.dim() == 1 and is_norm_gain(name)
            if is_gain:
                vals = [1 + 0.1 * math.sin(f) for f in phi]
            elif p.dim() == 2:
                vals = [math.sin(f) / math.sqrt(p.shape[1]) for f in phi]
            else:
                vals = [0.1 * math.sin(f) for f in phi]
            p.copy_(torch.tensor(vals, dtype=torch.float64).reshape(p.shape).to(torch.float32))
            i0 += n


def is_norm_gain(name):
    return name.endswith(".weight") and (".1.weight" in name[-9:] or "norm1" in name or "norm2" in name)


def formula_inputs(sequences, context, bins, padded, windowed=False):
    """x[s, j, b] ∝ 1 + sin²(0.37 b + 0.11 j + 0.53 s) + 0.2 cos(0.05 b s), normalised over b; the first
    `padded` tokens of sequence 0 are the published padding (x = 0.01 everywhere, t = −100). t = −(context − j).
    The target of sequence s is the same formula at j = context (the next run).
    Windowed: token j of sequence s is run r = s + j − padded, x = the formula at (s, j) = (1, r), padding where
    r < 0; the target is run s + context − padded."""
    def hist(s, j):
        raw = [1 + math.sin(0.37 * b + 0.11 * j + 0.53 * s) ** 2 + 0.2 * math.cos(0.05 * b * s) for b in range(bins)]
        total = sum(raw)
        return [v / total for v in raw]
    if windowed:
        x, t = [], []
        for s in range(sequences):
            for j in range(context):
                r = s + j - padded
                x.append(hist(1, r) if r >= 0 else [0.01] * bins)
                t.append(-float(context - j) if r >= 0 else -100.0)
        return x, t, [hist(1, s + context - padded) for s in range(sequences)]
    x, t = [], []
    for s in range(sequences):
        for j in range(context):
            if s == 0 and j < padded:
                x.append([0.01] * bins)
                t.append(-100.0)
            else:
                x.append(hist(s, j))
                t.append(-float(context - j))
    target = [hist(s, context) for s in range(sequences)]
    return x, t, target


def run(model, x, t, target, sequences, context, bins):
    xs = torch.tensor(x, dtype=torch.float32).reshape(sequences, context, bins)
    ts = torch.tensor(t, dtype=torch.float32).reshape(sequences, context)
    ys = torch.tensor(target, dtype=torch.float32)
    loss_fn = nn.GaussianNLLLoss(full=False, reduction="mean", eps=1e-9)
    opt = torch.optim.AdamW(model.parameters(), lr=5e-4, weight_decay=1e-4)
    model.train()
    out = {}
    params0 = flat(p.detach() for p in model.parameters())
    for step in (1, 2):
        opt.zero_grad()
        mu, sigma = model(xs, ts)
        loss = loss_fn(mu, ys, sigma ** 2)
        loss.backward()
        if step == 1:
            out["mean"] = short(mu.detach().flatten().tolist())
            out["spread"] = short(sigma.detach().flatten().tolist())
            out["loss"] = loss.item()
        out[f"grads{step}"] = flat(p.grad for p in model.parameters())
        out[f"norms{step}"] = {n: p.grad.double().norm().item() for n, p in model.named_parameters()}
        opt.step()
        out[f"params{step}"] = flat(p.detach() for p in model.parameters())
    out["params0"] = params0
    return out


def flat(tensors):
    return short(torch.cat([t.flatten() for t in tensors]).tolist())


def short(values):
    """Float32 values with the 9 significant digits that identify them (a shorter file, the same floats)."""
    return [float("%.9g" % v) for v in values]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    torch.manual_seed(30)
    # Small: odd sizes, random (PyTorch-default) weights, random inputs.
    shape = dict(bins=9, model=12, heads=3, layers=2, feedForward=10, context=5)
    sequences = 3
    model = PublishedDML(shape["bins"], shape["model"], shape["heads"], shape["layers"], shape["feedForward"], 0.0)
    raw = torch.rand(sequences, shape["context"], shape["bins"]) + 0.05
    x = short((raw / raw.sum(dim=2, keepdim=True)).flatten().tolist())
    t = [-float(shape["context"] - j) for _ in range(sequences) for j in range(shape["context"])]
    t[0] = -100.0
    y = torch.rand(sequences, shape["bins"]) + 0.05
    target = [short(row) for row in (y / y.sum(dim=1, keepdim=True)).tolist()]
    r = run(model, x, t, target, sequences, shape["context"], shape["bins"])
    small = dict(shape=shape, sequences=sequences, names=[n for n, _ in model.named_parameters()],
                 x=x, t=t, target=sum(target, []), **{k: r[k] for k in (
                     "params0", "mean", "spread", "loss", "grads1", "params1", "grads2", "params2")})
    with open(os.path.join(here, "small.json"), "w") as f:
        json.dump(small, f)

    # Published shape, formula weights and inputs: all tokens distinct but the padding, then windows over runs.
    shape = dict(bins=100, model=100, heads=10, layers=3, feedForward=100, context=20)
    sequences, padded = 10, 7
    for name, windowed in (("published.json", False), ("windowed.json", True)):
        model = PublishedDML(shape["bins"], shape["model"], shape["heads"], shape["layers"], shape["feedForward"],
                             0.0)
        formula_weights(model)
        x, t, target = formula_inputs(sequences, shape["context"], shape["bins"], padded, windowed)
        r = run(model, sum(x, []), t, target, sequences, shape["context"], shape["bins"])
        every = 97
        published = dict(shape=shape, sequences=sequences, padded=padded, every=every,
                          count=len(r["params0"]), mean=r["mean"], spread=r["spread"], loss=r["loss"],
                          norms=r["norms1"], grads=r["grads1"][::every], params1=r["params1"][::every])
        if windowed:
            published["windowed"] = True
        with open(os.path.join(here, name), "w") as f:
            json.dump(published, f)


if __name__ == "__main__":
    main()
