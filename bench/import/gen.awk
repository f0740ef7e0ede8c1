# gen.awk - writes N synthetic lead rows (HubSpot-style header) to stdout, deterministic:
#   awk -v n=1000000 -f bench/import/gen.awk > leads.csv
# About 2% of rows repeat an earlier email (dedupe), 10% are in a filtered segment or too small.
# With -v history=1 (issue 17) each row also carries its history, as last year's HubSpot
# contacts export does: Lifecycle Stage, Contact owner (mrr1..mrr8) and a Create Date in 2025.
BEGIN {
	srand(42)
	split("saas fintech health logistics retail manufacturing ecommerce media", seg, " ")
	split("web_form phone webinar event referral", src, " ")
	split("FR DE GB US ES IT NL BE", cty, " ")
	split("CTO,VP Sales,Head of Growth,Sales Manager,Marketing Director,Founder,Analyst,CEO", ttl, ",")
	split("subscriber lead marketingqualifiedlead salesqualifiedlead opportunity customer other", lc, " ")
	printf "Email,First Name,Last Name,Company Name,Job Title,Phone Number,Lead Source,Industry,Number of Employees,Country/Region%s\n", \
		history ? ",Lifecycle Stage,Contact owner,Create Date" : ""
	for (i = 1; i <= n; i++) {
		id = (rand() < 0.02 && i > 10) ? int(rand() * (i - 1)) + 1 : i
		e = int(rand() * 5000) + 1
		printf "person%d@company%d.example,First%d,Last%d,\"Company %d, Inc\",%s,+33 1 %08d,%s,%s,%d,%s", \
			id, id % 50000, id, id, id % 50000, ttl[int(rand() * 8) + 1], id, src[int(rand() * 5) + 1], \
			seg[int(rand() * 8) + 1], e, cty[int(rand() * 8) + 1]
		if (history)
			printf ",%s,mrr%d,2025-%02d-%02d %02d:%02d", lc[id % 7 + 1], id % 8 + 1, id % 12 + 1, id % 28 + 1, \
				8 + id % 10, id % 60
		printf "\n"
	}
}
