/**
 * Benchmarks, run on demand (never in CI): JMH micro-benchmarks of the client session life cycle
 * ({@link org.openrms.benchmarks.SessionBenchmark}) and a load driver for activations against a
 * real rights server ({@link org.openrms.benchmarks.ActivationLoadDriver}). See the module README.
 */
package org.openrms.benchmarks;
