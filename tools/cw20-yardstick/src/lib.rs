//! Only here to pin cw20-base; the artifact is cw20-base's own.
