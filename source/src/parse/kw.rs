//! The DSL's keywords, declared once.

syn::custom_keyword!(revision);
syn::custom_keyword!(parent);
syn::custom_keyword!(parents);
syn::custom_keyword!(branch_label);
syn::custom_keyword!(branch_labels);
syn::custom_keyword!(depends_on);
syn::custom_keyword!(transaction);
syn::custom_keyword!(none);
syn::custom_keyword!(per_migration);
syn::custom_keyword!(up);
syn::custom_keyword!(down);
syn::custom_keyword!(irreversible);
syn::custom_keyword!(allow);
syn::custom_keyword!(reason);
syn::custom_keyword!(lock_timeout);
syn::custom_keyword!(statement_timeout);
syn::custom_keyword!(lock_retries);
