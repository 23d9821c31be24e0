//! Enums whose variants have stable kebab-case names: the name is written
//! once, for the accessor, serde and the TypeScript declarations alike.

/// Declares `pub enum $name` with an accessor `fn $accessor(self) ->
/// &'static str` giving each variant's name, which is also its serde name.
macro_rules! named_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident: $accessor:ident {
            $($(#[$doc:meta])* $variant:ident = $text:literal,)*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, serde::Serialize)]
        #[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
        pub enum $name {
            $($(#[$doc])* #[serde(rename = $text)] $variant,)*
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// Its place in `ALL`.
            pub const fn index(self) -> usize {
                self as usize
            }

            /// The stable kebab-case name.
            pub const fn $accessor(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }
        }
    };
}
