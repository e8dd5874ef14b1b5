"""Who may read each route: route name → the roles that get in.

"Get in" means a GET answers 200 or sends them on (a redirect elsewhere than
the sign-in page); every other role must be kept out (401, 403, 404, 405 or
the sign-in page). For a route with an object in its URL, the object is the
one tests/security/matrix_objects.py picks (Claire's draft need, Camille's
mission with Claire's company, Élodie's draft motion, the dispute assigned to
the mediator...). The roles are those of tests/security/routes.py.

A new route needs its line here (the test fails without it). Routes of
branches in flight (spaces/, transparency/, cms site pages) are added with
them.
"""

VISITOR = {"visitor"}
MEMBERS = {
    "member-without-membership",
    "company-owner",
    "company-colleague",
    "other-company",
    "expert",
    "other-expert",
    "pseudonymous-expert",
}
STAFF = {"moderator", "mediator", "treasurer", "admin"}
SIGNED_IN = MEMBERS | STAFF
EVERYONE = SIGNED_IN | VISITOR
COMPANIES = {"company-owner", "company-colleague", "other-company"}
EXPERTS = {"member-without-membership", "expert", "other-expert", "pseudonymous-expert"}
RIVIERE = {"company-owner", "company-colleague"}  # Claire's company
NOBODY: set = set()  # a route no GET reads (POST only, or an action)

# routes the matrix cannot put a demo object in: one-time keys from e-mails,
# Wagtail's password-protected pages; each with its reason
NOT_CHECKED = {
    "account_confirm_email": "a one-time key sent by e-mail",
    "account_reset_password_from_key": "a one-time key sent by e-mail",
    "marketplace:invitation_accept": "a one-time token sent by e-mail",
    "wagtailcore_authenticate_with_password": "no password-protected page in the demo",
}

MATRIX: dict[str, set] = {}
