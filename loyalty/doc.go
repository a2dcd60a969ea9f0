// Package loyalty holds the rules of a practice's points programme, the "points" permission level:
// what earns points, what they buy, when they expire, and what may never be given. It is pure:
// no storage and no clock but the one passed in; the store applies these rules inside its
// transactions.
//
// Two limits are not the practice's to configure. Reviews never earn anything: an incentive for a
// review is forbidden (FTC 16 CFR 465, Google and Yelp policies). And a Medicare or Medicaid
// beneficiary may receive only nominal-value rewards: at most $15 retail per item and $75 per
// calendar year in total, never cash or a cash equivalent (OIG policy statement, 2016).
package loyalty
