#[doc(hidden)]
pub use crate::expression::functions::aggregate_expressions::{
    FunctionFragment, IsAggregateFunction, IsWindowFunction, Order, OverClause, WindowFunctionFragment,
};
