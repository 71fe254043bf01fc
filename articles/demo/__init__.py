"""The demo publication that `make run` loads, and the synthetic archive the benchmarks use."""
