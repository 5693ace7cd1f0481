/**
 * aMLLibrary in Java: campaign files ({@link io.aisprint.perf.aml.AmlConfig}), the data preparation
 * chain, the regression techniques, nested hp-selection/validation splits, grid search and TPE,
 * MAPE-based selection ({@link io.aisprint.perf.aml.Campaign}), the output folder
 * ({@link io.aisprint.perf.aml.CampaignOutput}) and portable model files
 * ({@link io.aisprint.perf.aml.TrainedModel}), served to the designer by
 * {@link io.aisprint.perf.aml.AmlPredictorProvider}. See docs/perf.md.
 */
package io.aisprint.perf.aml;
