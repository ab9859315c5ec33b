namespace LiveClassify.Train.Training;

/// <summary>
/// ReduceLROnPlateau, kept simple: when the monitored loss has not improved (by a relative 1e-4, Keras's min_delta
/// spirit) for <c>patience</c> epochs, multiply the learning rate by <c>factor</c>, down to a floor.
/// </summary>
internal sealed class PlateauScheduler(int patience, double factor, double minimum)
{
    public double Best { get; set; } = double.PositiveInfinity;

    public int Wait { get; set; }

    /// <summary>Returns the learning rate for the next epoch.</summary>
    public double Step(double monitored, double learningRate)
    {
        if (monitored < Best * (1 - 1e-4) || double.IsPositiveInfinity(Best))
        {
            Best = monitored;
            Wait = 0;
            return learningRate;
        }

        if (patience == 0 || ++Wait < patience)
        {
            return learningRate;
        }

        Wait = 0;
        return Math.Max(minimum, learningRate * factor);
    }
}
