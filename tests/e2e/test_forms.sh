#!/bin/sh
# test_forms.sh - web forms send what they send (SPEC 8.9): POST /api/v1/leads keeps the fields
# baton does not know as the lead's attributes (lead show, export), within their limits (51
# keys, a 65-character key, a 2,001-character value, an object value: 422 naming the field,
# nothing stored); form aliases (firstName, emailAddress, ...) fill the known fields; utm_*
# set the source and channel with and without the playbook's intake.utm; the intake answer is
# 201 {"id", "received"} or 200 {"id", "duplicate"}; line breaks in one-line fields fold into
# a space (API and CSV); `lead import --keep` keeps the CSV columns baton does not know; the
# lead page shows them as text (tests/browser/test_forms.mjs; skipped without chromium).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_http.sh"

b init
b rep add r1 --role mrr
b --json token create --intake
TKI=$(printf '%s' "$OUT" | jq -r .token)
b --json token create --rep r1
TKR=$(printf '%s' "$OUT" | jq -r .token)
start_server || { not_ok "the server starts"; exit 1; }

# count_leads: the number of leads stored
count_leads() { sql "SELECT COUNT(*) FROM leads"; }

# form BODY: a web form posts BODY with the intake token; then `lead show --json` of its lead
form() {
	api POST /api/v1/leads "$TKI" "$1"
	b --json lead show "$(printf '%s' "$OUT" | jq -r .id)"
}

# --- ten fields baton does not know: the lead is created and keeps them
api POST /api/v1/leads "$TKI" '{"email": "ada@acme.com", "name": "Ada Lovelace", "message": "Call me\nafter 5",
 "consent": true, "newsletter": false, "budget": 25000, "score_hint": 0.5, "how_heard": "<b>a friend</b>",
 "page": "/pricing", "gclid": "abc123", "hs_context": "{\"x\":1}", "referrer": "https://example.org/"}'
check "a form with ten unknown fields: 201 {id, received}" 201 '[.id, .received] | map(tostring) | join(" ")' "1 true"
check "the answer reveals nothing stored" 201 'keys | join(",")' "id,received"
b --json lead show 1
expect_jq "lead show --json keeps the ten fields" '.attributes | keys | length' 10
expect_jq "with their types (text, boolean, number)" \
	'[.attributes.message, .attributes.consent, .attributes.newsletter, .attributes.budget, .attributes.score_hint] | map(tostring) | join("|")' \
	"Call me
after 5|true|false|25000|0.5"
b lead show 1
expect_out "lead show prints the form fields" "Form      message: Call me after 5"
b export leads --format json
expect_jq "export leads --format json carries the object" '.[0].attributes.gclid' abc123
b export leads --format csv
expect_out "export leads --format csv has an attributes column" ',created_at,attributes'
expect_out "holding the JSON text" '""gclid"":""abc123""'

# --- the answers: 200 {id, duplicate} for a known email; a rep token's answer is the same shape
api POST /api/v1/leads "$TKI" '{"email": "ADA@acme.com", "extra": "again"}'
check "a known email: 200 {id, duplicate}" 200 '[.id, .duplicate, (keys | join(","))] | map(tostring) | join(" ")' "1 true duplicate,id"
api POST /api/v1/leads "$TKR" '{"email": "rep-made@acme.com"}'
check "a rep token's new lead: 201 {id, received}" 201 'keys | join(",")' "id,received"

# --- the limits: refused naming the field, nothing stored
before=$(count_leads)
keys=$(i=1; while [ $i -le 51 ]; do printf '"f%d": %d, ' $i $i; i=$((i + 1)); done)
api POST /api/v1/leads "$TKI" "{$keys \"email\": \"many@acme.com\"}"
check_error "51 unknown fields: 422 naming attributes" 422 unprocessable attributes
k65=$(printf '%65s' '' | tr ' ' k)
api POST /api/v1/leads "$TKI" "{\"email\": \"longkey@acme.com\", \"$k65\": 1}"
check_error "a 65-character field name: 422 naming attributes" 422 unprocessable attributes
v2001=$(printf '%2001s' '' | tr ' ' v)
api POST /api/v1/leads "$TKI" "{\"email\": \"longval@acme.com\", \"message\": \"$v2001\"}"
check_error "a 2,001-character value: 422 naming the field" 422 unprocessable message
v2000=$(printf '%2000s' '' | tr ' ' v)
api POST /api/v1/leads "$TKI" "{\"email\": \"object@acme.com\", \"answers\": {\"a\": 1}}"
check_error "an object value: 422 naming the field" 422 unprocessable answers
api POST /api/v1/leads "$TKI" "{\"email\": \"list@acme.com\", \"tags\": [\"a\"]}"
check_error "a list value: 422 naming the field" 422 unprocessable tags
api POST /api/v1/leads "$TKI" '{"email": "bad@acme.com", "employees": "lots", "message": "hi"}'
check_error "a known field with a bad value is still refused, named" 422 unprocessable employees
api POST /api/v1/leads "$TKI" '{"emailAddress": 42}'
check_error "an alias with a bad value is refused under the name the form gave" 422 unprocessable emailAddress
if [ "$(count_leads)" = "$before" ]; then ok "nothing was stored for the refused forms"; else not_ok "nothing was stored for the refused forms" "leads: $before -> $(count_leads)"; fi
api POST /api/v1/leads "$TKI" "{\"email\": \"edge@acme.com\", \"message\": \"$v2000\", \"$(printf '%64s' '' | tr ' ' k)\": true}"
check "a 2,000-character value and a 64-character name are kept" 201 .received true

# --- aliases
api POST /api/v1/leads "$TKI" '{"emailAddress": "Grace@Navy.example", "firstName": "Grace", "lastName": "Hopper",
 "companyName": "Navy", "phoneNumber": "+1 555 0100", "jobTitle": "Rear\r\nAdmiral", "Email": "other@x.example"}'
check "a form in its own names: 201" 201 .received true
GID=$(printf '%s' "$OUT" | jq -r .id)
b --json lead show "$GID"
expect_jq "firstName/lastName, emailAddress, companyName, phoneNumber, jobTitle map to the fields" \
	'[.email, .name, .company, .phone, .title] | join("|")' "grace@navy.example|Grace Hopper|Navy|+1 555 0100|Rear Admiral"
expect_jq "a second name for the email is kept as an attribute" '.attributes.Email' other@x.example
expect_jq "the mapped names are not kept twice" '.attributes | has("firstName")' false
api POST /api/v1/leads "$TKI" '{"email_address": "linus@os.example", "first_name": "Linus", "organization": "OS", "job_title": "Chief", "phone_number": "1"}'
GID=$(printf '%s' "$OUT" | jq -r .id)
b --json lead show "$GID"
expect_jq "snake_case aliases and organization map too" '[.name, .company, .title, .phone] | join("|")' "Linus|OS|Chief|1"

# --- utm: without intake.utm utm_source becomes the source; every utm_* is kept
form '{"email": "u1@acme.com", "utm_source": "google", "utm_medium": "cpc", "utm_campaign": "q4", "utm_term": "crm"}'
expect_jq "without intake.utm, utm_source is the source" .source google
expect_jq "every utm_* is kept in attributes" '.attributes | keys | join(",")' "utm_campaign,utm_medium,utm_source,utm_term"
form '{"email": "u2@acme.com", "source": "webinar", "utm_source": "google"}'
expect_jq "a source the form gives wins over utm_source" .source webinar
form '{"email": "u3@acme.com"}'
expect_jq "no utm and no source: web_form as before" .source web_form

# with intake.utm (applied while the server runs: it reads the new version)
"$BATON" playbook show | sed '1d' >"$T/pb.yaml"
printf 'intake:\n  utm:\n    source: {google: paid_search}\n    medium: {cpc: paid_search, email: newsletter}\n    campaign: {webinar-q4: webinar}\n    channel: {sdr_sequence: outbound}\n' >>"$T/pb.yaml"
b playbook check "$T/pb.yaml"
expect_rc "a playbook with intake.utm checks" 0
printf 'intake:\n  utm:\n    channel:\n      sdr: sideways\n' >"$T/tail.yaml"
sed '/^intake:/,$d' "$T/pb.yaml" >"$T/bad.yaml"
cat "$T/tail.yaml" >>"$T/bad.yaml"
b playbook check "$T/bad.yaml"
expect_rc "a channel that is neither inbound nor outbound is refused" 2
expect_err "with its line and key" "$(wc -l <"$T/bad.yaml" | tr -d ' '): intake.utm.channel.sdr"
b playbook apply "$T/pb.yaml"
expect_rc "intake.utm applies" 0
form '{"email": "u4@acme.com", "utm_source": "Google", "utm_medium": "display"}'
expect_jq "intake.utm.source maps utm_source (ignoring case)" .source paid_search
form '{"email": "u5@acme.com", "utm_source": "google", "utm_medium": "email", "utm_campaign": "webinar-q4"}'
expect_jq "campaign maps before medium and source" .source webinar
form '{"email": "u6@acme.com", "utm_source": "apollo", "utm_medium": "sdr_sequence"}'
expect_jq "intake.utm.channel maps utm_medium to the channel" '[.source, .channel] | join(" ")' "apollo outbound"
stop_server

# --- CSV: a job title with a quoted line break imports folded; --keep keeps the other columns
printf 'Email,First Name,Last Name,Job Title,Message,utm_source,Consent\r\nhedy@film.example,Hedy,Lamarr,"Inventor,\r\nActress",Hello there,linkedin,yes\r\n' >"$T/hub.csv"
b --json lead import "$T/hub.csv"
expect_jq "a quoted line break in a job title no longer refuses the row" '[.imported, .bad] | map(tostring) | join(" ")' "1 0"
expect_jq "without --keep the other columns are reported not imported" .ignored_columns "Message, utm_source, Consent"
b --json lead list --q hedy
expect_jq "the title is folded into one line" '.[0].title' "Inventor, Actress"
expect_jq "and nothing else is kept" '.[0].attributes' "{}"
sed 's/hedy@/hedy2@/' "$T/hub.csv" >"$T/hub2.csv"
b --json lead import --keep "$T/hub2.csv"
expect_jq "--keep: every column is taken" '[.imported, .ignored_columns] | map(tostring) | join(" ")' "1 "
b --json lead list --q hedy2
expect_jq "--keep: the unknown columns are the lead's attributes" '.[0].attributes | [.Message, .utm_source, .Consent] | join("|")' "Hello there|linkedin|yes"
expect_jq "--keep: utm_source maps by intake.utm (none for linkedin: itself)" '.[0].source' linkedin
b export leads --format csv
printf '%s\n' "$OUT" >"$T/export.csv"
b init --db "$T/second.db"
b --db "$T/second.db" --json lead import --keep "$T/export.csv"
expect_jq "baton's own export reads back with --keep" .bad 0
b --db "$T/second.db" --json lead list --q ada@acme.com
expect_jq "with the attributes it carried" '.[0].attributes.gclid' abc123

# --- the lead page, in a browser (last: skipped without chromium)
browser_ready
start_server || { not_ok "the server starts again"; exit 1; }
b --json lead show 1
expect_jq "the form's lead is r1's (the rep the browser signs in as)" .owner r1
run_browser test_forms.mjs BATON_REP=r1 BATON_TOKEN="$TKR" BATON_LEAD=1
[ "$NODE_RC" -eq 0 ] || not_ok "the browser test passes" "exit $NODE_RC"
stop_server
