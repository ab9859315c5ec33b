namespace LiveClassify.Train.Training;

/// <summary>The optimiser of the trained parameters.</summary>
public enum OptimizerKind
{
    /// <summary>Adam (Keras's and the tutorials' default for transfer learning).</summary>
    Adam,

    /// <summary>Stochastic gradient descent with momentum.</summary>
    Sgd,
}
