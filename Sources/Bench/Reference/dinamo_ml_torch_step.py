"""PyTorch reference for `Bench dinamo-ml-step`: the published DINAMO-ML network (ArseniiGav/DINAMO
TransformerEncoderDML: x/t embeddings Linear-LayerNorm-ReLU-Linear, a post-norm TransformerEncoder of 3 layers,
d = 100, 10 heads, feed-forward 100, dropout 0.15, mean pooling, softmax and softplus heads), on one thread:
the median time of a training step (K = 10 sequences of M = 20 runs; forward, GaussianNLLLoss, backward, AdamW)
and of a scoring pass (eval, one sequence, no graph). Prints `step_ms=… score_ms=…` on its last line.

Usage: python3 dinamo_ml_torch_step.py [steps]   (needs torch; the benchmark skips it without)
"""
import statistics
import sys
import time

import torch
import torch.nn as nn

torch.set_num_threads(1)
torch.manual_seed(22)
BINS, D, HEADS, LAYERS, FF, M, K, DROPOUT = 100, 100, 10, 3, 100, 20, 10, 0.15


def stack(n_in, n_mid, n_out):
    return nn.Sequential(nn.Linear(n_in, n_mid), nn.LayerNorm(n_mid), nn.ReLU(), nn.Linear(n_mid, n_out))


class Network(nn.Module):
    def __init__(self):
        super().__init__()
        self.x_emb, self.t_emb = stack(BINS, D, D), stack(1, D, D)
        layer = nn.TransformerEncoderLayer(d_model=D, nhead=HEADS, dim_feedforward=FF, dropout=DROPOUT,
                                           batch_first=True, activation="relu")
        self.encoder = nn.TransformerEncoder(layer, LAYERS)
        self.mu, self.sigma = stack(D, BINS, BINS), stack(D, BINS, BINS)

    def forward(self, x, t):
        h = self.encoder(self.x_emb(x) + self.t_emb(t.unsqueeze(2))).mean(dim=1)
        return torch.softmax(self.mu(h), dim=1), nn.functional.softplus(self.sigma(h))


def median_ms(fn, repeats):
    for _ in range(5):
        fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


model = Network()
loss_fn = nn.GaussianNLLLoss(full=False, reduction="mean", eps=1e-9)
optimizer = torch.optim.AdamW(model.parameters(), lr=5e-4, weight_decay=1e-4)
x = torch.softmax(torch.randn(K, M, BINS), dim=2)
t = -torch.arange(M, 0, -1, dtype=torch.float32).repeat(K, 1)
target = torch.softmax(torch.randn(K, BINS), dim=1)


def step():
    model.train()
    optimizer.zero_grad()
    mu, sigma = model(x, t)
    loss = loss_fn(mu, target, sigma ** 2)
    loss.backward()
    optimizer.step()


def score():
    model.eval()
    with torch.no_grad():
        model(x[:1], t[:1])


steps = int(sys.argv[1]) if len(sys.argv) > 1 else 41
print(f"step_ms={median_ms(step, steps):.3f} score_ms={median_ms(score, steps):.3f}")
