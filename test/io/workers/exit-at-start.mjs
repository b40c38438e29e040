// A Monte Carlo worker that exits (code 3) as it starts, before the pool hands it any work.
process.exit(3);
