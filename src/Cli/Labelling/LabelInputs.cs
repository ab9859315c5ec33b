using System.Text.RegularExpressions;

namespace LiveClassify.Cli.Labelling;

/// <summary>
/// Turns the inputs a user types (video files, folders of videos, globs such as <c>clips/*.mp4</c> or
/// <c>footage/**/*.mkv</c>) into a sorted, de-duplicated list of files. Names that match nothing are kept as problems,
/// not thrown, so the other inputs are still labelled.
/// </summary>
public static class LabelInputs
{
    private static readonly HashSet<string> VideoExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".mp4", ".m4v", ".mov", ".mkv", ".webm", ".avi", ".mpg", ".mpeg", ".ts", ".wmv", ".flv", ".3gp",
    };

    /// <summary>Expands <paramref name="arguments"/>; <paramref name="problems"/> receives one line per input that named nothing.</summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> arguments, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(problems);
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string argument in arguments)
        {
            if (argument.IndexOfAny(['*', '?']) >= 0)
            {
                int before = files.Count;
                files.UnionWith(MatchGlob(argument));
                if (files.Count == before)
                {
                    problems.Add($"{argument}: no file matches this pattern");
                }
            }
            else if (Directory.Exists(argument))
            {
                var videos = Directory.EnumerateFiles(argument, "*", SearchOption.AllDirectories)
                    .Where(path => VideoExtensions.Contains(Path.GetExtension(path)) && !IsHidden(path))
                    .ToList();
                if (videos.Count == 0)
                {
                    problems.Add($"{argument}: the folder holds no video files");
                }

                files.UnionWith(videos);
            }
            else
            {
                // A missing file is kept: opening it gives the user the precise error, in order with the others.
                files.Add(argument);
            }
        }

        return [.. files];
    }

    /// <summary>Whether a video file extension is one that folder expansion picks up.</summary>
    public static bool IsVideoFile(string path) => VideoExtensions.Contains(Path.GetExtension(path));

    private static IEnumerable<string> MatchGlob(string pattern)
    {
        // The folder part before the first wildcard is walked; the rest is matched as a regular expression over the
        // path relative to it, with '**' crossing folders and '*' / '?' staying inside one name.
        int firstWildcard = pattern.IndexOfAny(['*', '?']);
        int lastSeparator = pattern.LastIndexOf('/', firstWildcard);
        string root = lastSeparator < 0 ? "." : pattern[..Math.Max(lastSeparator, 1)];
        string relativePattern = lastSeparator < 0 ? pattern : pattern[(lastSeparator + 1)..];
        if (!Directory.Exists(root))
        {
            return [];
        }

        var regex = new Regex("^" + GlobToRegex(relativePattern) + "$", RegexOptions.CultureInvariant);
        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(path => !IsHidden(path) && regex.IsMatch(Path.GetRelativePath(root, path)))
            .Select(path => lastSeparator < 0 ? Path.GetRelativePath(".", path) : path);
    }

    private static string GlobToRegex(string glob)
    {
        var pattern = new System.Text.StringBuilder();
        for (int i = 0; i < glob.Length; i++)
        {
            char c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                bool folderPrefix = i + 2 < glob.Length && glob[i + 2] == '/';
                pattern.Append(folderPrefix ? "(.*/)?" : ".*");
                i += folderPrefix ? 2 : 1;
            }
            else
            {
                pattern.Append(c switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    _ => Regex.Escape(c.ToString()),
                });
            }
        }

        return pattern.ToString();
    }

    // Temporary outputs of an interrupted run (".name.tmp") and editor files are never inputs.
    private static bool IsHidden(string path) => Path.GetFileName(path).StartsWith('.');
}
