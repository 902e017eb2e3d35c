"""Write PyTorch reference trajectories for RMSprop, Adagrad and Adam as JSON test resources.

Run with Debian's interpreter from the repository root:

    /usr/bin/python3 scripts/torch_reference.py

Every tensor is float64; output goes to src/test/resources/reference/torch/ and is
deterministic (running the script twice gives byte-identical files).
"""

import json
import os
import sys

import numpy as np
import torch

OUT_DIR = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), os.pardir,
    "src", "test", "resources", "reference", "torch")
STEPS = 30
W0 = [0.1, -0.2, 0.3, -0.4]

# Every argument is passed explicitly (our RMSprop default alpha is 0.9, not torch's 0.99).
# foreach=False pins torch's single-tensor code path; maximize=False is the usual descent.
RMSPROP_BASE = {"lr": 0.01, "alpha": 0.9, "eps": 1e-8, "weight_decay": 0.0,
                "momentum": 0.0, "centered": False, "foreach": False, "maximize": False}
ADAGRAD_BASE = {"lr": 0.01, "lr_decay": 0.0, "weight_decay": 0.0,
                "initial_accumulator_value": 0.0, "eps": 1e-10,
                "foreach": False, "maximize": False}
ADAM_BASE = {"lr": 0.001, "betas": [0.9, 0.999], "eps": 1e-8, "weight_decay": 0.0,
             "amsgrad": False, "foreach": False, "maximize": False}

SETTINGS = {
    "rmsprop": (torch.optim.RMSprop, RMSPROP_BASE, [
        ("defaults", {}),
        ("decay099", {"alpha": 0.99}),
        ("centered", {"centered": True}),
        ("momentum09", {"momentum": 0.9}),
        ("weightdecay", {"weight_decay": 0.1}),
        ("centered_momentum_wd", {"centered": True, "momentum": 0.9, "weight_decay": 0.1}),
        ("bigstep", {"lr": 0.1, "alpha": 0.9, "eps": 1e-6}),
    ]),
    "adagrad": (torch.optim.Adagrad, ADAGRAD_BASE, [
        ("defaults", {}),
        ("lr01_wd", {"lr": 0.1, "weight_decay": 0.1}),
        ("initacc", {"initial_accumulator_value": 0.1}),
    ]),
    "adam": (torch.optim.Adam, ADAM_BASE, [
        ("defaults", {}),
        ("lr01", {"lr": 0.1}),
        ("wd", {"weight_decay": 0.1}),
        ("amsgrad", {"amsgrad": True}),
    ]),
}


def leastsq_data():
    """n=12, d=4, X ~ N(0,1), y = X @ w_true + 0.1 * noise."""
    rng = np.random.default_rng(20240601)
    x = rng.standard_normal((12, 4))
    w_true = np.array([1.0, -2.0, 0.5, 3.0])
    y = x @ w_true + 0.1 * rng.standard_normal(12)
    return x, y


def logistic_data():
    """n=16, d=4, X ~ N(0,1), y ~ Bernoulli(sigmoid(X @ w_true)) in {0, 1}."""
    rng = np.random.default_rng(20240602)
    x = rng.standard_normal((16, 4))
    w_true = np.array([1.5, -1.0, 0.5, 2.0])
    p = 1.0 / (1.0 + np.exp(-(x @ w_true)))
    y = (rng.uniform(size=16) < p).astype(np.float64)
    assert 0.0 < y.sum() < 16.0, "both classes must occur"
    return x, y


def leastsq_loss(w, x, y):
    """mean_i 0.5 * (x_i . w - y_i)^2"""
    r = x @ w - y
    return (0.5 * r * r).mean()


def logistic_loss(w, x, y):
    """mean_i softplus(x_i . w) - y_i * (x_i . w), softplus(z) = logaddexp(0, z)."""
    z = x @ w
    return (torch.logaddexp(torch.zeros_like(z), z) - y * z).mean()


PROBLEMS = {
    "leastsq": (leastsq_data, leastsq_loss),
    "logistic": (logistic_data, logistic_loss),
}

STATE_KEYS = {
    "rmsprop": ["square_avg", "grad_avg", "momentum_buffer"],
    "adagrad": ["sum"],
    "adam": ["exp_avg", "exp_avg_sq", "max_exp_avg_sq"],
}


def to_list(t):
    assert t.dtype == torch.float64, t.dtype
    return t.detach().clone().tolist()


def run(opt_name, opt_cls, hyper, x_np, y_np, loss_fn):
    x = torch.tensor(x_np, dtype=torch.float64)
    y = torch.tensor(y_np, dtype=torch.float64)
    w = torch.tensor(W0, dtype=torch.float64, requires_grad=True)
    kwargs = dict(hyper)
    if "betas" in kwargs:
        kwargs["betas"] = tuple(kwargs["betas"])
    opt = opt_cls([w], **kwargs)
    trajectory = []
    for _ in range(STEPS):
        opt.zero_grad()
        loss = loss_fn(w, x, y)
        loss.backward()
        assert loss.dtype == torch.float64 and w.grad.dtype == torch.float64
        grad = to_list(w.grad)
        loss_value = loss.item()
        opt.step()
        state = opt.state[w]
        entry = {"w": to_list(w), "grad": grad, "loss": loss_value}
        for key in STATE_KEYS[opt_name]:
            if key in state:
                entry[key] = to_list(state[key])
        step = state["step"]
        entry["step"] = int(step.item() if torch.is_tensor(step) else step)
        trajectory.append(entry)
    return trajectory


def main():
    torch.set_default_dtype(torch.float64)
    torch.set_num_threads(1)
    torch.manual_seed(0)
    print("torch", torch.__version__, "numpy", np.__version__)
    os.makedirs(OUT_DIR, exist_ok=True)
    data = {name: gen() for name, (gen, _) in PROBLEMS.items()}
    count = 0
    for opt_name, (opt_cls, base, settings) in SETTINGS.items():
        for setting, overrides in settings:
            hyper = dict(base)
            hyper.update(overrides)
            for problem, (_, loss_fn) in PROBLEMS.items():
                x_np, y_np = data[problem]
                doc = {
                    "optimizer": opt_name,
                    "setting": setting,
                    "problem": problem,
                    "torch_version": torch.__version__,
                    "hyper": hyper,
                    "X": x_np.tolist(),
                    "y": y_np.tolist(),
                    "w0": list(W0),
                    "steps": STEPS,
                    "trajectory": run(opt_name, opt_cls, hyper, x_np, y_np, loss_fn),
                }
                path = os.path.join(OUT_DIR, "%s-%s-%s.json" % (opt_name, setting, problem))
                with open(path, "w", encoding="utf-8", newline="\n") as f:
                    json.dump(doc, f, indent=1, allow_nan=False)
                    f.write("\n")
                count += 1
    print("wrote %d files to %s" % (count, os.path.normpath(OUT_DIR)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
