/// `tdxctl status --format prometheus`: the host's TDX module state and its last update as
/// metrics for node_exporter's textfile collector. A value that is unknown (unreadable,
/// never updated) leaves its metric out rather than reporting zero.
public enum StatusMetrics {
    /// The metric families for `status` and the newest history record `lastUpdate`.
    public static func metrics(status: StatusReport, lastUpdate: HistoryRecord?) -> [PrometheusMetric] {
        var metrics: [PrometheusMetric] = [
            PrometheusMetric(
                name: "tdx_module_available",
                help: "1 when the host has TDX and its module runs (tdx_host/version readable), 0 otherwise.",
                value: status.tdx ? 1 : 0)
        ]
        if let version = status.moduleVersion {
            var labels = [PrometheusMetric.Label("version", version)]
            if let seamldr = status.seamldrVersion { labels.append(PrometheusMetric.Label("seamldr_version", seamldr)) }
            metrics.append(
                PrometheusMetric(
                    name: "tdx_module_info",
                    help: "The running TDX module's version and the P-SEAMLDR's version (labels); always 1.",
                    samples: [PrometheusMetric.Sample(labels: labels, value: 1)]))
        }
        if let remaining = status.remainingUpdates {
            metrics.append(
                PrometheusMetric(
                    name: "tdx_module_remaining_updates",
                    help: "Runtime updates P-SEAMLDR can still take before a reboot (num_remaining_updates).",
                    value: Double(remaining)))
        }
        metrics.append(
            PrometheusMetric(
                name: "tdx_module_update_supported",
                help: "1 when the kernel offers TDX module runtime updates (firmware-upload device present).",
                value: status.updateSupported ? 1 : 0))
        if let lastUpdate {
            metrics += self.lastUpdate(lastUpdate)
        }
        return metrics
    }

    private static func lastUpdate(_ record: HistoryRecord) -> [PrometheusMetric] {
        var metrics = [
            PrometheusMetric(
                name: "tdx_module_last_update_result",
                help: "The result of the last tdxctl update on this host (label, as in update --json); always 1.",
                samples: [PrometheusMetric.Sample(labels: [PrometheusMetric.Label("result", record.result)], value: 1)]),
            PrometheusMetric(
                name: "tdx_module_last_update_exit_code",
                help: "The exit status of the last tdxctl update on this host (0 completed, 10 refused, 12 fatal...).",
                value: Double(record.exitCode)),
        ]
        if let seconds = record.secondsSinceEpoch {
            metrics.append(
                PrometheusMetric(
                    name: "tdx_module_last_update_timestamp_seconds",
                    help: "When the last tdxctl update on this host started, in seconds since the Unix epoch.",
                    value: seconds))
        }
        metrics.append(
            PrometheusMetric(
                name: "tdx_module_last_update_duration_seconds",
                help: "How long the last tdxctl update on this host took, in seconds.",
                value: record.durationSeconds))
        return metrics
    }
}
