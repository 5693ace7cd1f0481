#!/usr/bin/python3
"""PyTorch reference for bench/learn: FedAvg on Fashion-MNIST with the same model, partitions,
hyper-parameters and test set as `aisprint learn fl`, clients trained one after another in
this one process (Debian python3-torch). Prints the same JSON as `aisprint learn fl --json`.

usage: reference.py --parts parts.json --rounds R [--lr 0.05] [--batch 32] [--epochs 1]
                    [--model mlp|cnn] [--threads 2] [--data /usr/share/datasets/fashion-mnist]
parts.json comes from `aisprint learn partition ... --out parts.json` (the Java split, so both
sides train on exactly the same examples).
"""
import argparse, gzip, json, time
import numpy as np
import torch
from torch import nn

MEAN, DEVIATION = 0.2860, 0.3530


def idx(path, offset):
    with gzip.open(path, 'rb') as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=offset)


def load(data, prefix):
    x = idx(f'{data}/{prefix}-images-idx3-ubyte.gz', 16).reshape(-1, 784).astype(np.float32)
    y = idx(f'{data}/{prefix}-labels-idx1-ubyte.gz', 8).astype(np.int64)
    return torch.from_numpy((x / 255.0 - MEAN) / DEVIATION), torch.from_numpy(y)


def model(kind):
    if kind == 'mlp':
        return nn.Sequential(nn.Linear(784, 200), nn.ReLU(), nn.Linear(200, 200), nn.ReLU(), nn.Linear(200, 10))
    return nn.Sequential(nn.Unflatten(1, (1, 28, 28)), nn.Conv2d(1, 16, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(16, 32, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                         nn.Linear(1568, 128), nn.ReLU(), nn.Linear(128, 10))


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--parts', required=True)
    p.add_argument('--rounds', type=int, default=10)
    p.add_argument('--lr', type=float, default=0.05)
    p.add_argument('--batch', type=int, default=32)
    p.add_argument('--epochs', type=int, default=1)
    p.add_argument('--model', default='mlp')
    p.add_argument('--threads', type=int, default=2)
    p.add_argument('--seed', type=int, default=42)
    p.add_argument('--data', default='/usr/share/datasets/fashion-mnist')
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    x, y = load(a.data, 'train')
    tx, ty = load(a.data, 't10k')
    parts = [torch.tensor(part, dtype=torch.long) for part in json.load(open(a.parts))['parts']]
    net = model(a.model)
    loss_fn = nn.CrossEntropyLoss()
    rounds = []
    for r in range(1, a.rounds + 1):
        start = time.time()
        global_state = {k: v.clone() for k, v in net.state_dict().items()}
        total = {k: torch.zeros_like(v) for k, v in global_state.items()}
        examples = 0
        for c, part in enumerate(parts):
            net.load_state_dict(global_state)
            opt = torch.optim.SGD(net.parameters(), lr=a.lr)
            g = torch.Generator().manual_seed(a.seed * 31 + r * 1009 + c)
            for _ in range(a.epochs):
                order = part[torch.randperm(len(part), generator=g)]
                for i in range(0, len(order), a.batch):
                    b = order[i:i + a.batch]
                    opt.zero_grad()
                    loss_fn(net(x[b]), y[b]).backward()
                    opt.step()
            for k, v in net.state_dict().items():
                total[k] += v * len(part)
            examples += len(part)
        net.load_state_dict({k: v / examples for k, v in total.items()})
        with torch.no_grad():
            out = net(tx)
            loss = loss_fn(out, ty).item()
            accuracy = (out.argmax(1) == ty).float().mean().item()
        rounds.append({'round': r, 'accuracy': accuracy, 'loss': loss, 'seconds': time.time() - start})
        print(f"round {r} accuracy {accuracy:.4f} loss {loss:.4f} seconds {rounds[-1]['seconds']:.2f}", flush=True)
    print(json.dumps({'rounds': rounds, 'final_accuracy': rounds[-1]['accuracy'], 'epsilon': None}))


if __name__ == '__main__':
    main()
