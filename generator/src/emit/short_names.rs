//! Method names of at most [`MAX`] characters. Graph's own names run to 60 characters
//! (`getSkypeForBusinessDeviceUsageDistributionUserCounts`), and with `_with_<args>` overloads
//! longer; such a name fills a line before its arguments start. A name over the limit is
//! shortened by two rules, in order, and keeps its Graph name as a rustdoc alias:
//!
//! 1. Well-known abbreviations, all at once: [`PHRASES`] (`skype_for_business` → `sfb`), then
//!    [`WORDS`] (`configuration` → `config`).
//! 2. Leading words collapse into their initials: first a run of two or more that a sibling
//!    name shares (`user_experience_analytics_app_health_...` → `uea_app_health_...`), then as
//!    few as make the name fit. A leading verb of an action or function, or `as`/`by`, is kept
//!    in both: `download_apple_push_notification_cert_...` → `download_apn_cert_...`,
//!    `get_share_point_site_usage_detail_with_date` → `get_spsud_with_date`.
//!
//! Names within the limit are never touched, so most of the API reads as Graph spells it.

/// The longest method name the API has.
pub const MAX: usize = 40;

/// Multi-word names with an acronym Graph's own docs use.
const PHRASES: &[(&str, &str)] = &[
    ("skype_for_business", "sfb"),
    ("windows_information_protection", "wip"),
    ("advanced_threat_protection", "atp"),
    ("single_sign_on", "sso"),
];

/// Abbreviations as common in Rust code as in English.
const WORDS: &[(&str, &str)] = &[
    ("administrator", "admin"),
    ("application", "app"),
    ("applications", "apps"),
    ("authentication", "auth"),
    ("certificate", "cert"),
    ("certificates", "certs"),
    ("configuration", "config"),
    ("configurations", "configs"),
    ("definition", "def"),
    ("definitions", "defs"),
    ("directory", "dir"),
    ("distribution", "dist"),
    ("environment", "env"),
    ("information", "info"),
    ("management", "mgmt"),
    ("message", "msg"),
    // The reports' names (`getOffice365ActiveUserDetail`): Microsoft's own short form.
    ("office365", "o365"),
    ("messages", "msgs"),
    ("organization", "org"),
    ("performance", "perf"),
    ("statistics", "stats"),
    ("synchronization", "sync"),
];

/// Leading words of actions and functions that say what they do, kept whole.
const VERBS: &[&str] = &[
    "accept",
    "activate",
    "add",
    "apply",
    "approve",
    "assign",
    "cancel",
    "check",
    "clear",
    "copy",
    "create",
    "deactivate",
    "decline",
    "delete",
    "deny",
    "disable",
    "download",
    "enable",
    "execute",
    "export",
    "find",
    "forward",
    "generate",
    "get",
    "import",
    "invite",
    "list",
    "lock",
    "mark",
    "move",
    "reboot",
    "refresh",
    "remove",
    "renew",
    "reply",
    "request",
    "reset",
    "restore",
    "retire",
    "revoke",
    "run",
    "search",
    "send",
    "set",
    "start",
    "stop",
    "summarize",
    "sync",
    "unassign",
    "unlock",
    "update",
    "upgrade",
    "upload",
    "validate",
    "verify",
    "wipe",
];

fn abbreviate(name: &str) -> Vec<String> {
    let mut words: Vec<String> = name.split('_').filter(|w| !w.is_empty()).map(str::to_string).collect();
    for (phrase, short) in PHRASES {
        let parts: Vec<&str> = phrase.split('_').collect();
        let mut i = 0;
        while i + parts.len() <= words.len() {
            if words[i..i + parts.len()].iter().zip(&parts).all(|(a, b)| a == b) {
                words.splice(i..i + parts.len(), [short.to_string()]);
            }
            i += 1;
        }
    }
    for w in &mut words {
        if let Some((_, short)) = WORDS.iter().find(|(long, _)| long == w) {
            *w = short.to_string();
        }
    }
    words
}

fn initials(words: &[String]) -> String {
    words.iter().filter_map(|w| w.chars().next()).collect()
}

/// `is_`, `as_`, `to_`… would read as a predicate or a conversion.
fn misleading(initials: &str) -> bool {
    matches!(initials, "is" | "as" | "to" | "by" | "in" | "fn" | "if")
}

/// `name` if it fits, else its shortened form (see the module docs). `call` says the name is
/// an action's or function's. `siblings` are the other names of the same place in the URL: a
/// leading run of two or more words one of them shares is what collapses first, so that a
/// family reads alike (`uea_app_health_overview`, `uea_device_startup_history`).
pub fn fit(name: &str, call: bool, siblings: &[&str]) -> String {
    if name.len() <= MAX {
        return name.to_string();
    }
    let mut words = abbreviate(name);
    let joined = words.join("_");
    if joined.len() <= MAX {
        return joined;
    }
    let shared = siblings
        .iter()
        .filter(|s| **s != name)
        .map(|s| abbreviate(s).iter().zip(&words).take_while(|(a, b)| a == b).count())
        .max()
        .unwrap_or(0);
    let mut start = usize::from(words.first().is_some_and(|w| matches!(w.as_str(), "as" | "by") || (call && VERBS.contains(&w.as_str()))));
    // The verb stays whole here too: `get_oaud_...`, not `goaud_...`.
    if shared >= start + 2 && shared < words.len() && !misleading(&initials(&words[start..shared])) {
        let collapsed = initials(&words[start..shared]);
        words.splice(start..shared, [collapsed]);
        start += 1;
        let joined = words.join("_");
        if joined.len() <= MAX {
            return joined;
        }
    }
    for k in 2..=words.len().saturating_sub(start) {
        let collapsed = initials(&words[start..start + k]);
        if misleading(&collapsed) {
            continue;
        }
        let candidate: Vec<&str> = words[..start]
            .iter()
            .map(String::as_str)
            .chain([collapsed.as_str()])
            .chain(words[start + k..].iter().map(String::as_str))
            .collect();
        let candidate = candidate.join("_");
        if candidate.len() <= MAX {
            return candidate;
        }
    }
    // One word longer than the limit: cut it.
    joined.chars().take(MAX).collect::<String>().trim_end_matches('_').to_string()
}

#[cfg(test)]
mod tests {
    use super::fit;

    #[test]
    fn short_names_are_untouched() {
        assert_eq!(fit("messages", false, &[]), "messages");
        let forty = "get_office365_groups_activity_user_count";
        assert_eq!((forty.len(), fit(forty, true, &[]).as_str()), (40, forty));
    }

    #[test]
    fn abbreviations_first_then_initials() {
        assert_eq!(fit("get_skype_for_business_device_usage_distribution_user_counts", true, &[]), "get_sfb_device_usage_dist_user_counts");
        assert_eq!(fit("mdm_windows_information_protection_policies", false, &[]), "mdm_wip_policies");
        assert_eq!(
            fit("user_experience_analytics_app_health_application_performance_by_os_version", false, &[]),
            "uea_app_health_app_perf_by_os_version"
        );
        assert_eq!(fit("download_apple_push_notification_certificate_signing_request", true, &[]), "download_apn_cert_signing_request");
        // Initials that would read as `is_…` take one word more.
        assert_eq!(fit("identity_security_defaults_enforcement_policy", false, &[]), "isd_enforcement_policy");
        assert_eq!(fit("as_android_device_owner_imported_pfx_certificate_profile", false, &[]), "as_ad_owner_imported_pfx_cert_profile");
    }

    #[test]
    fn a_shared_run_collapses_first() {
        let family = ["user_experience_analytics_app_health_overview", "user_experience_analytics_summarize_work_from_anywhere_devices"];
        assert_eq!(fit(family[0], false, &family), "uea_app_health_overview");
        assert_eq!(fit(family[1], true, &family), "uea_summarize_work_from_anywhere_devices");
        // Alone, as few words as fit.
        assert_eq!(fit(family[0], false, &[]), "ue_analytics_app_health_overview");
        // A call's verb stays whole before the shared run.
        let reports = ["get_share_point_site_usage_detail", "get_share_point_site_usage_detail_with_period"];
        assert_eq!(fit(reports[1], true, &reports), "get_spsud_with_period");
        assert_eq!(fit("get_office365_active_user_detail_with_period", true, &[]), "get_o365_active_user_detail_with_period");
    }

    #[test]
    fn every_result_fits() {
        for n in [
            "a_b_c_d_e_f_g_h_i_j_k_l_m_n_o_p_q_r_s_t_u_v_w_x_y_z",
            &"x".repeat(70),
            "get_a_very_long_single_wordthatgoesonandonandonforever",
        ] {
            assert!(fit(n, true, &[]).len() <= super::MAX, "{n}");
            assert!(!fit(n, true, &[]).ends_with('_'));
        }
    }
}
