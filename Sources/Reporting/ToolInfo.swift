/// The tool's name and version, as reported by `--version` and in `summary.json`.
public enum ToolInfo {
    public static let name = "anomaly-report"
    public static let version = "0.1.0"
}
