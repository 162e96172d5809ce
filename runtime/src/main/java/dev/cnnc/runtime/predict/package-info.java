/**
 * Running a compiled model on the user's data: images decoded into the model's input tensor
 * ({@link dev.cnnc.runtime.predict.ImageInput}), class probabilities and the top classes
 * ({@link dev.cnnc.runtime.predict.Ranking}), and whole batches from and to safetensors files
 * ({@link dev.cnnc.runtime.predict.BatchPrediction}), and a thread-safe front for servers
 * ({@link dev.cnnc.runtime.predict.Predictor}, a pool of per-thread model instances).
 */
package dev.cnnc.runtime.predict;
