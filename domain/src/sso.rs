//! Sign-in through the organisation's identity provider (OpenID Connect):
//! the decisions that need neither network nor database.
//!
//! - [`link`]: which platform account a person the provider vouched for is,
//!   or whether to create one, or why not.
//! - [`RoleMap`] and [`roles_after`]: the roles the provider manages, from a
//!   claim such as `groups`.
//! - [`claim_text`] and [`claim_list`]: reading a configured claim the way
//!   providers write it (a string, a number, a list).

use serde_json::Value;

/// What the provider says about the person, after the ID token was checked.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProviderPerson {
    /// The provider's stable identifier of the person (`sub`).
    pub subject: String,
    pub email: Option<String>,
    pub name: Option<String>,
    pub employee_number: Option<String>,
    /// The values of the role claim (groups, app roles).
    pub groups: Vec<String>,
}

/// A platform account found for the person, as [`link`] needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub id: i32,
    pub active: bool,
    /// The provider subject the account is already linked to, if any.
    pub subject: Option<String>,
}

/// The accounts that might be the person: by provider subject, by employee
/// number (from the HR import) and by e-mail address.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    pub by_subject: Option<Candidate>,
    pub by_employee_number: Option<Candidate>,
    pub by_email: Option<Candidate>,
}

/// What to do with a person the provider vouched for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    /// Sign in as this account; `first_time` when it gets linked now.
    Account { id: i32, first_time: bool },
    /// Create an account (the setting allows it).
    Create,
}

/// Why a person the provider vouched for cannot sign in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkRefusal {
    /// The account was deactivated (by the HR import or an admin).
    Deactivated,
    /// No account has this employee number or e-mail address, and accounts
    /// are not created at sign-in.
    Unknown,
    /// The matching account is already linked to another provider account.
    LinkedElsewhere,
    /// An account would be created, but the provider sent no usable e-mail
    /// address or name.
    MissingClaims,
}

/// Decide which account the person is. The provider's subject decides
/// once linked; before that the employee number (the HR import's key)
/// comes first, then the e-mail address. An account linked to another
/// subject is never taken over.
pub fn link(found: &Found, person: &ProviderPerson, may_create: bool) -> Result<Link, LinkRefusal> {
    if let Some(account) = &found.by_subject {
        return if account.active {
            Ok(Link::Account {
                id: account.id,
                first_time: false,
            })
        } else {
            Err(LinkRefusal::Deactivated)
        };
    }
    let matched = found
        .by_employee_number
        .as_ref()
        .or(found.by_email.as_ref());
    match matched {
        Some(account) if !account.active => Err(LinkRefusal::Deactivated),
        Some(account)
            if account
                .subject
                .as_deref()
                .is_some_and(|s| s != person.subject) =>
        {
            Err(LinkRefusal::LinkedElsewhere)
        }
        Some(account) => Ok(Link::Account {
            id: account.id,
            first_time: account.subject.is_none(),
        }),
        None if !may_create => Err(LinkRefusal::Unknown),
        None if person.email.is_none() || person.name.is_none() => Err(LinkRefusal::MissingClaims),
        None => Ok(Link::Create),
    }
}

/// Which values of the role claim give which role: `group=role` pairs,
/// separated by commas (`lms-hr=hr, lms-beheer=admin`). Roles are names
/// here; the application checks them against its own list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoleMap {
    pairs: Vec<(String, String)>,
}

impl RoleMap {
    /// Read the setting. Empty text: no mapping (the provider manages no roles).
    pub fn parse(text: &str) -> Result<RoleMap, String> {
        let mut pairs = Vec::new();
        for (i, item) in text.split(',').enumerate() {
            let item = item.trim();
            if item.is_empty() {
                continue;
            }
            let Some((group, role)) = item.rsplit_once('=') else {
                return Err(format!(
                    "item {} ('{item}') is not of the form group=role",
                    i + 1
                ));
            };
            let (group, role) = (group.trim(), role.trim().to_ascii_lowercase());
            if group.is_empty() || role.is_empty() {
                return Err(format!(
                    "item {} ('{item}') needs both a group and a role",
                    i + 1
                ));
            }
            pairs.push((group.to_string(), role));
        }
        Ok(RoleMap { pairs })
    }

    /// The roles this map hands out: the provider manages exactly these.
    pub fn managed_roles(&self) -> Vec<&str> {
        let mut roles: Vec<&str> = self.pairs.iter().map(|(_, r)| r.as_str()).collect();
        roles.sort_unstable();
        roles.dedup();
        roles
    }

    /// The roles the person's groups give.
    pub fn granted<'a>(&'a self, groups: &[String]) -> Vec<&'a str> {
        let mut roles: Vec<&str> = self
            .pairs
            .iter()
            .filter(|(g, _)| groups.iter().any(|have| have == g))
            .map(|(_, r)| r.as_str())
            .collect();
        roles.sort_unstable();
        roles.dedup();
        roles
    }

    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }
}

/// The account's roles after a sign-in: the roles the provider manages are
/// set from its groups (added when granted, removed when not), every other
/// role stays as the platform has it.
pub fn roles_after(current: &[String], map: &RoleMap, groups: &[String]) -> Vec<String> {
    let managed = map.managed_roles();
    let granted = map.granted(groups);
    let mut roles: Vec<String> = current
        .iter()
        .filter(|r| !managed.contains(&r.as_str()))
        .cloned()
        .chain(granted.into_iter().map(str::to_string))
        .collect();
    roles.sort();
    roles.dedup();
    roles
}

/// A claim as one text: a string (trimmed, not empty) or a number (employee
/// numbers are sometimes sent as JSON numbers).
pub fn claim_text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A claim as a list of texts: an array of strings (or numbers), or one
/// string (some providers send a single group that way).
pub fn claim_list(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items.iter().filter_map(|v| claim_text(Some(v))).collect(),
        other => claim_text(other).into_iter().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn person() -> ProviderPerson {
        ProviderPerson {
            subject: "sub-anna".into(),
            email: Some("anna@voorbeeld.nl".into()),
            name: Some("Anna de Vries".into()),
            employee_number: Some("E1001".into()),
            groups: vec![],
        }
    }

    fn account(id: i32, active: bool, subject: Option<&str>) -> Option<Candidate> {
        Some(Candidate {
            id,
            active,
            subject: subject.map(str::to_string),
        })
    }

    #[test]
    fn the_subject_decides_once_linked() {
        let found = Found {
            by_subject: account(7, true, Some("sub-anna")),
            by_employee_number: account(8, true, None),
            ..Found::default()
        };
        assert_eq!(
            link(&found, &person(), false),
            Ok(Link::Account {
                id: 7,
                first_time: false
            })
        );
        let gone = Found {
            by_subject: account(7, false, Some("sub-anna")),
            ..Found::default()
        };
        assert_eq!(link(&gone, &person(), true), Err(LinkRefusal::Deactivated));
    }

    #[test]
    fn the_employee_number_comes_before_the_email_address() {
        let found = Found {
            by_employee_number: account(3, true, None),
            by_email: account(4, true, None),
            ..Found::default()
        };
        assert_eq!(
            link(&found, &person(), false),
            Ok(Link::Account {
                id: 3,
                first_time: true
            })
        );
        let by_email = Found {
            by_email: account(4, true, None),
            ..Found::default()
        };
        assert_eq!(
            link(&by_email, &person(), false),
            Ok(Link::Account {
                id: 4,
                first_time: true
            })
        );
    }

    #[test]
    fn refusals() {
        let deactivated = Found {
            by_employee_number: account(3, false, None),
            ..Found::default()
        };
        assert_eq!(
            link(&deactivated, &person(), true),
            Err(LinkRefusal::Deactivated)
        );
        let elsewhere = Found {
            by_email: account(4, true, Some("someone-else")),
            ..Found::default()
        };
        assert_eq!(
            link(&elsewhere, &person(), true),
            Err(LinkRefusal::LinkedElsewhere)
        );
        assert_eq!(
            link(&Found::default(), &person(), false),
            Err(LinkRefusal::Unknown)
        );
        assert_eq!(link(&Found::default(), &person(), true), Ok(Link::Create));
        let nameless = ProviderPerson {
            name: None,
            ..person()
        };
        assert_eq!(
            link(&Found::default(), &nameless, true),
            Err(LinkRefusal::MissingClaims)
        );
    }

    #[test]
    fn role_map_reads_pairs_and_says_what_is_wrong() {
        let map = RoleMap::parse(" lms-hr = HR , lms-beheer=admin,lms-hr-2=hr,").unwrap();
        assert_eq!(map.managed_roles(), vec!["admin", "hr"]);
        assert!(RoleMap::parse("").unwrap().is_empty());
        assert_eq!(
            RoleMap::parse("a=hr,b").unwrap_err(),
            "item 2 ('b') is not of the form group=role"
        );
        assert_eq!(
            RoleMap::parse("=hr").unwrap_err(),
            "item 1 ('=hr') needs both a group and a role"
        );
        // A group name may itself hold '=' (LDAP names: cn=...,ou=...).
        let ldap = RoleMap::parse("cn=lms-hr=hr").unwrap();
        assert_eq!(ldap.granted(&["cn=lms-hr".into()]), vec!["hr"]);
    }

    #[test]
    fn the_provider_sets_only_the_roles_it_manages() {
        let map = RoleMap::parse("lms-hr=hr,lms-beheer=admin").unwrap();
        let current: Vec<String> = vec!["admin".into(), "learner".into(), "trainer".into()];
        assert_eq!(
            roles_after(&current, &map, &["lms-hr".into(), "other".into()]),
            vec!["hr", "learner", "trainer"]
        );
        assert_eq!(
            roles_after(&current, &RoleMap::default(), &["lms-hr".into()]),
            vec!["admin", "learner", "trainer"]
        );
    }

    #[test]
    fn claims_are_read_as_providers_send_them() {
        assert_eq!(claim_text(Some(&json!(" E1 "))), Some("E1".into()));
        assert_eq!(claim_text(Some(&json!(1001))), Some("1001".into()));
        assert_eq!(claim_text(Some(&json!(""))), None);
        assert_eq!(claim_text(None), None);
        assert_eq!(claim_list(Some(&json!(["a", "b", 3]))), vec!["a", "b", "3"]);
        assert_eq!(claim_list(Some(&json!("a"))), vec!["a"]);
        assert!(claim_list(Some(&json!({"a": 1}))).is_empty());
    }
}
