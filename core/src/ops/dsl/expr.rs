//! The expression tree the macro builds from a DSL statement, and evaluation errors.

/// An index into the macro's table of spans; errors point back at the user's tokens through it.
pub type SpanId = u32;

/// A DSL expression node.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    /// What it is.
    pub kind: ExprKind,
    /// Where it is: the whole node, from its first token to its last.
    pub span: SpanId,
}

/// The shapes a DSL expression can take.
#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    /// `"text"`.
    Str(String),
    /// `42`, `-1`.
    Int(i64),
    /// `1.5`.
    Float(f64),
    /// `true` / `false`.
    Bool(bool),
    /// A bare word: `BigInt`, `Cascade`, `Gin`.
    Ident(String),
    /// `name(args)`: an op, `column(..)`, `Varchar(50)`, `now()`.
    Call {
        /// Function name.
        name: String,
        /// Span of the name.
        name_span: SpanId,
        /// Arguments.
        args: Vec<Expr>,
    },
    /// `[a, b]`.
    Array(Vec<Expr>),
    /// `receiver.name(args)`.
    Method {
        /// What the method is called on.
        receiver: Box<Expr>,
        /// Method name.
        name: String,
        /// Span of the name.
        name_span: SpanId,
        /// Arguments.
        args: Vec<Expr>,
    },
}

/// An evaluation error, pointing at a node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DslError {
    /// The offending node.
    pub span: SpanId,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl Expr {
    /// The node's name when it is a call or a method call.
    pub fn call_name(&self) -> Option<&str> {
        match &self.kind {
            ExprKind::Call { name, .. } | ExprKind::Method { name, .. } => Some(name),
            _ => None,
        }
    }

    /// Visits this node and every node below it, receivers and arguments included.
    pub fn walk<'a>(&'a self, f: &mut dyn FnMut(&'a Expr)) {
        f(self);
        match &self.kind {
            ExprKind::Call { args, .. } | ExprKind::Array(args) => args.iter().for_each(|a| a.walk(f)),
            ExprKind::Method { receiver, args, .. } => {
                receiver.walk(f);
                args.iter().for_each(|a| a.walk(f));
            }
            _ => {}
        }
    }

    /// How the node reads in an error message: `` `users` ``, `42`, `a list`, `` `column(..)` ``.
    pub fn describe(&self) -> String {
        match &self.kind {
            ExprKind::Str(s) => format!("{s:?}"),
            ExprKind::Int(i) => i.to_string(),
            ExprKind::Float(x) => x.to_string(),
            ExprKind::Bool(b) => b.to_string(),
            ExprKind::Ident(i) => format!("`{i}`"),
            ExprKind::Call { name, .. } => format!("`{name}(..)`"),
            ExprKind::Array(_) => "a list `[..]`".into(),
            ExprKind::Method { receiver, name, .. } => {
                let mut root = receiver.as_ref();
                while let ExprKind::Method { receiver, .. } = &root.kind {
                    root = receiver;
                }
                match root.call_name() {
                    Some(head) => format!("`{head}(..).{name}(..)`"),
                    None => format!("`.{name}(..)`"),
                }
            }
        }
    }
}
