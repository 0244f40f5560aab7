import CorridorModel
import Testing
@testable import Sentiment

/// Shorthand: the assessment of a text alone.
func assess(_ text: String, rating: Int? = nil, service: ServicePole? = nil) -> SentimentAssessment {
    SentimentAnalyzer().assess(text: text, rating: rating, service: service)
}

func label(_ text: String) -> SentimentLabel { assess(text).label }
func score(_ text: String) -> Double { assess(text).score }
func aspect(_ a: Aspect, in text: String, service: ServicePole? = nil) -> AspectSentiment? {
    assess(text, service: service).aspects.first { $0.aspect == a }
}

@Suite("French rules")
struct FrenchRuleTests {
    @Test func plainPolarity() {
        #expect(label("Le café est bon") == .satisfied)
        #expect(label("Le café est mauvais") == .unsatisfied)
        #expect(label("Je passe ici le matin") == .neutral)
    }

    @Test func negationFlips() {
        #expect(label("Le café n'est pas bon") == .unsatisfied)
        #expect(label("Ce n'est pas propre") == .unsatisfied)
        #expect(label("Le terminal ne marche jamais") == .unsatisfied)
        #expect(label("Pas mal du tout") == .satisfied)
        #expect(label("Sans problème, merci") == .satisfied)
        #expect(label("Aucun problème avec la caisse") == .satisfied)
        #expect(label("Il n'est plus poli du tout") == .unsatisfied)
    }

    @Test func negationStopsAtPunctuation() {
        // `pas` belongs to the first clause; `rapide` after the full stop keeps its sign.
        #expect(score("Pas de ticket. Service rapide et agréable") > 0)
    }

    @Test func negationEvidenceNamesTheFlippedWord() {
        #expect(assess("Le café n'est pas bon").evidence.contains("¬bon"))
    }

    @Test func contrastWeighsTheSecondClause() {
        #expect(label("Le personnel est gentil mais l'attente est interminable") == .unsatisfied)
        #expect(label("Un peu cher, par contre le lavage est impeccable") == .satisfied)
        #expect(label("La station est propre, cependant le pompiste est désagréable") == .unsatisfied)
    }

    @Test func intensifiersAndDiminishers() {
        #expect(score("très bon") > score("bon"))
        #expect(score("vraiment sale") < score("sale"))
        #expect(score("un peu cher") > score("cher"))
        #expect(score("un peu cher") < 0)
    }

    @Test func accentsAndElisionFoldTheSame() {
        #expect(score("très propre") == score("tres propre"))
        #expect(score("TRÈS PROPRE") == score("très propre"))
        #expect(score("ce n'est pas sûr") == score("ce n est pas sur"))
        #expect(score("c’est désagréable") == score("c'est desagreable"))
    }

    @Test func repeatedLettersAndExclamations() {
        #expect(label("merciiiii") == .satisfied)
        #expect(score("trèèèès bon") >= score("très bon"))
        #expect(label("coooool") == .satisfied)
        #expect(score("nul !!!") < score("nul"))
        #expect(score("super !!!") > score("super"))
        #expect(label("!!!") == .neutral)
    }

    @Test func domainVocabulary() {
        #expect(label("Trop cher") == .unsatisfied)
        #expect(label("Pas cher et rapide") == .satisfied)
        #expect(label("C'est une arnaque") == .unsatisfied)
        #expect(label("Rupture de gasoil depuis hier") == .unsatisfied)
        #expect(label("Plus d'eau pour le lavage") == .unsatisfied)
        #expect(label("Pas de monnaie à la caisse") == .unsatisfied)
        #expect(label("Pas d'attente ce matin") == .satisfied)
        #expect(label("File d'attente interminable") == .unsatisfied)
        #expect(label("Pompe en panne") == .unsatisfied)
        #expect(label("Rien à signaler") == .neutral)
    }

    @Test func inflectedFormsFindTheirStem() {
        // `rejetées` is not in the lexicon, `rejete` is.
        #expect(label("Les demandes ont été rejetées") == .unsatisfied)
    }
}

@Suite("Emphasis")
struct EmphasisTests {
    @Test func capitalsShoutOnlyInsideLowercaseText() {
        #expect(score("c'est NUL") < score("c'est nul"))
        #expect(score("C'EST NUL") == score("c'est nul"))
    }
}
