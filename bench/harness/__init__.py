"""The stages of bench/run.sh; bench/bench.py runs them in order and writes the report."""
