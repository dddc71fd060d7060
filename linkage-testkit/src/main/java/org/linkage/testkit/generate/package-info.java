/**
 * A seeded generator of synthetic education ↔ labour-market populations with ground truth, modelled
 * on the sources of the Longitudinal Education Outcomes data. Entry points:
 * {@link org.linkage.testkit.generate.GeneratorSpec}, {@link org.linkage.testkit.generate.ErrorModel},
 * {@link org.linkage.testkit.generate.PopulationGenerator} and
 * {@link org.linkage.testkit.generate.Population}. See {@code docs/generator.md} for the file formats,
 * the population model and the documented error rates.
 */
package org.linkage.testkit.generate;
