namespace LiveClassify.Cli.Labelling;

/// <summary>How labelling one input ended.</summary>
public enum LabelOutcomeKind
{
    /// <summary>Every output written.</summary>
    Labelled,

    /// <summary>Labelled as far as the file decodes; the container promised more frames.</summary>
    Truncated,

    /// <summary>A previous run finished it; nothing was done.</summary>
    AlreadyDone,

    /// <summary>Nothing usable: the file is missing, not a video, or no frame decodes.</summary>
    Failed,
}
