"""Spanish numbers grouped with a point, as money is written in Spain and most of Latin
America (12.000 $, 1.234,56 €), rather than Django's no-break space; the decimal comma
and the dates are Django's."""

THOUSAND_SEPARATOR = "."
