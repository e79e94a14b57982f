//! The FluxOS app model: specifications, formatter, validation, price, messages, payment.
