package dev.cumulus.core.start;

/**
 * The costly first steps of a function's requests, run once on data that goes nowhere, so that the code behind them
 * is loaded and compiled before a real request needs it: a function's bean implements this, and {@link Priming} runs
 * it as the app starts and before a snapshot of the instance is taken. Nothing it does may be stored, counted or
 * logged as a request.
 */
public interface Primer {

    void prime();
}
