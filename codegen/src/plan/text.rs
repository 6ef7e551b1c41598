//! The plan as text, one line per decision, for snapshot review: a changed name, type,
//! optionality, retry class or secrecy is a one-line diff.

use std::fmt::Write as _;

use super::{Construction, Decode, FieldPlan, FieldType, Paging, Plan, Presence, Scheme, ShapePlan};

impl Plan {
    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# {} {} from {}: crate {}, module {}, feature {}, domains {}",
            self.service,
            self.version,
            self.spec_path,
            self.crate_name,
            self.module,
            self.feature,
            self.domains.join(", ")
        );
        out.push_str("\n# actions\n");
        for action in self.actions.values() {
            let _ = write!(
                out,
                "{} -> {}({}) -> {}",
                action.wire,
                action.method,
                self.shape(&action.input).rust,
                self.shape(&action.output).rust
            );
            let mut facts = vec![if action.read_only { "read-only" } else { "write" }.to_owned()];
            if let Some(limit) = action.rate_limit {
                facts.push(format!("{limit}/s"));
            }
            if action.deprecated {
                facts.push("deprecated".into());
            }
            if action.skip_sign {
                facts.push("unsigned".into());
            }
            if !action.secret_members.is_empty() {
                facts.push(format!("secrets {}", action.secret_members.join(" ")));
            }
            match &action.paging {
                Paging::Paged(p) => {
                    let scheme = match p.scheme {
                        Scheme::Offset => "offset",
                        Scheme::PageNumber => "page number",
                    };
                    let container = p.container.as_ref().map_or(String::new(), |c| format!("{}.", c.wire));
                    let total = p
                        .total
                        .as_ref()
                        .map_or("no total".to_owned(), |t| format!("total {}", t.wire));
                    facts.push(format!("pages by {scheme} over {container}{} ({total})", p.items.wire));
                }
                Paging::Unpaged(why) => facts.push(format!("lists, no pages: {why}")),
                Paging::NotAListing => {}
            }
            match &action.rust_example {
                Some(Ok(_)) => facts.push("rust example".into()),
                Some(Err(why)) => facts.push(format!("no rust example: {why}")),
                None => {}
            }
            let _ = writeln!(out, " [{}]", facts.join(", "));
        }
        out.push_str("\n# shapes\n");
        for shape in self.shapes.values() {
            render_shape(&mut out, shape);
        }
        out.push_str("\n# value sets\n");
        for set in self.value_sets.values() {
            let kind = format!("{:?}", set.kind).to_lowercase();
            let values: Vec<String> = set.variants.iter().map(|v| format!("{}={}", v.value, v.rust)).collect();
            let _ = writeln!(out, "{} -> enum {} ({kind}): {}", set.name, set.rust, values.join(" "));
        }
        out.push_str("\n# waiters\n");
        for waiter in self.waiters.values() {
            let _ = writeln!(
                out,
                "{} -> {}: {} until {} (failing on {})",
                waiter.name,
                waiter.method,
                waiter.action,
                waiter.success.join("|"),
                if waiter.failure.is_empty() {
                    "nothing".to_owned()
                } else {
                    waiter.failure.join("|")
                }
            );
        }
        out.push_str("\n# error codes\n");
        for code in self.error_codes.values() {
            let _ = writeln!(out, "{} -> {}", code.wire, code.variant);
        }
        out
    }
}

fn render_shape(out: &mut String, shape: &ShapePlan) {
    let construction = match &shape.construction {
        Construction::Constructor(_) => "new(required)",
        Construction::Default => "Default",
        Construction::None => "no constructor",
    };
    let mut facts = vec![format!("{:?}", shape.usage).to_lowercase(), construction.to_owned()];
    if shape.redacts {
        facts.push("redacting Debug".into());
    }
    let _ = writeln!(out, "{} -> {} [{}]", shape.wire, shape.rust, facts.join(", "));
    for field in &shape.fields {
        render_field(out, field);
    }
}

fn render_field(out: &mut String, field: &FieldPlan) {
    let mut ty = type_text(&field.ty);
    if field.boxed {
        ty = format!("Box<{ty}>");
    }
    let mut facts = Vec::new();
    match field.presence {
        Presence::Required { index } => facts.push(format!("required #{index}")),
        Presence::Optional => ty = format!("Option<{ty}>"),
    }
    if field.decode == Decode::Lenient {
        facts.push("lenient".to_owned());
    }
    if field.secret {
        facts.push("secret".to_owned());
    }
    if field.deprecated {
        facts.push("deprecated".to_owned());
    }
    if let Some(setter) = &field.setter {
        if setter != &field.rust {
            facts.push(format!("setter {setter}"));
        }
    }
    let facts = if facts.is_empty() {
        String::new()
    } else {
        format!(" [{}]", facts.join(", "))
    };
    let _ = writeln!(out, "  {} -> {}: {ty}{facts}", field.wire, field.rust);
}

fn type_text(ty: &FieldType) -> String {
    match ty {
        FieldType::String => "String".into(),
        FieldType::I64 => "i64".into(),
        FieldType::U64 => "u64".into(),
        FieldType::F64 => "f64".into(),
        FieldType::Bool => "bool".into(),
        FieldType::Json => "serde_json::Value".into(),
        FieldType::List(item) => format!("Vec<{}>", type_text(item)),
        FieldType::DateTime => "DateTime".into(),
        FieldType::DateTimeIso => "DateTimeIso".into(),
        FieldType::Date => "Date".into(),
        FieldType::Shape { rust, .. } => rust.clone(),
        FieldType::ValueSet { rust, .. } => format!("enum {rust}"),
    }
}
