import CorridorModel
import Testing
@testable import Sentiment

/// Rules and vocabulary added in `corridor-lex/2` for general French (social media, products,
/// restaurants).
@Suite("corridor-lex/2 rules")
struct GeneralisationRuleTests {
    @Test func lemmatisationFindsInflectedForms() {
        // None of these forms is listed; their base form is.
        #expect(label("Les serveurs étaient charmants") == .satisfied)        // plural
        #expect(label("Une équipe vraiment désagréable et méprisante") == .unsatisfied)
        #expect(label("Ils détestaient le plat") == .unsatisfied)             // -aient
        #expect(label("Des résultats géniaux") == .satisfied)                 // -aux → -al
        #expect(label("Une réponse très négative") == .unsatisfied)           // -ive → -if
        #expect(label("Une soirée exceptionnelle") == .satisfied)             // -elle → -el
        #expect(label("Tristement banal") == .unsatisfied)                    // -ment → adjective
        #expect(label("On a adoré, nous adorons") == .satisfied)              // -ons → -e
    }

    @Test func shortWordsKeepTheirEnding() {
        // `rayons` (shelves) is not a form of `rayé` (scratched).
        #expect(label("Rayons bien rangés") == .satisfied)
    }

    @Test func laughterRuns() {
        #expect(label("ahahahah") == .satisfied)
        #expect(label("hihihihi") == .satisfied)
        #expect(label("hache") == .neutral)
    }

    @Test func selfNegatedPhrasesAreNotFlippedTwice() {
        #expect(label("Ce n'est pas mal") == .satisfied)
        #expect(label("Je n'aime pas") == .unsatisfied)
        #expect(label("j'aime pas") == .unsatisfied)
        #expect(label("ça sert à rien") == .unsatisfied)
        #expect(label("ça ne sert à rien") == .unsatisfied)
    }

    @Test func negatedPositiveIsStrongerThanNegatedNegative() {
        #expect(abs(score("pas bon")) > abs(score("pas mauvais")))
        #expect(label("pas mauvais") == .satisfied)
    }

    @Test func questionsHedgePraise() {
        #expect(score("c'est bon ?") < score("c'est bon."))
        #expect(score("c'est bon ?") > 0)
        #expect(score("c'est nul ?") == score("c'est nul."))      // complaints are not hedged
    }

    @Test func indignantPunctuation() {
        #expect(label("Sérieusement ?!") == .unsatisfied)
        #expect(label("Comment est-ce possible ???") == .unsatisfied)
        #expect(score("Bravo ?!") < score("Bravo !"))
        #expect(label("Vous ouvrez à quelle heure ?") == .neutral)   // a plain question is not a complaint
    }

    @Test func scareQuotesTurnPraiseIronic() {
        #expect(label("Leur voiture \"écologique\"") == .unsatisfied)
        #expect(label("Un vendeur « efficace »") == .unsatisfied)
        // A long quotation is reported speech, not irony.
        #expect(label("Il a dit « le repas était vraiment très bon ce soir »") == .satisfied)
    }

    @Test func weakEvidenceCommits() {
        // A single weak word is enough to leave neutral (binary scoring counts neutral as wrong).
        #expect(label("Un produit durable") == .satisfied)
        #expect(label("Un peu de doute") == .unsatisfied)
    }

    @Test func socialMediaSlang() {
        #expect(label("je kiffe grave") == .satisfied)
        #expect(label("c'est de la balle, trop top") == .satisfied)
        #expect(label("relou ce truc #fail") == .unsatisfied)
        #expect(label("ptdrrr") == .satisfied)
        #expect(label("ça craint") == .unsatisfied)
        #expect(label("la honte") == .unsatisfied)
    }

    @Test func reviewVocabulary() {
        #expect(label("Livraison rapide, conforme à l'annonce") == .satisfied)
        #expect(label("Colis abîmé, jamais livré le reste") == .unsatisfied)
        #expect(label("Plat servi froid") == .unsatisfied)
        #expect(label("Service lent") == .unsatisfied)
        #expect(label("Je déconseille") == .unsatisfied)
        #expect(label("Cuit à point, une tuerie") == .satisfied)
        #expect(label("A cessé de fonctionner") == .unsatisfied)
    }

    @Test func stationDomainKeepsItsValences() {
        // The general list is read first, so the station lexicon's `cher` still wins.
        #expect(label("cher") == .unsatisfied)
        #expect(label("pas cher") == .satisfied)
    }

    @Test func newsWords() {
        #expect(label("La crise et le chômage") == .unsatisfied)
        #expect(label("Attentat meurtrier") == .unsatisfied)
        #expect(label("Hausse des prix du riz") == .unsatisfied)
        #expect(label("Baisse du chômage et embauches") == .satisfied)
    }
}
